// Word lists of the PERSON recognizer (see pii_core.hpp): given names from many cultures, surnames,
// titles and surname particles. Lower case; compiled into sets on first use.
#include "plugins/pii/pii_internal.hpp"

namespace inv::detectors::pii {
namespace {

// Given names that are not common English words (English, Spanish, Portuguese, French, German, Italian,
// Dutch, Nordic, Slavic, Hungarian, Greek, Irish, Welsh, Arabic, Persian, Turkish, Indian, Chinese,
// Japanese, Korean, Vietnamese and African names).
constexpr std::string_view kFirstNames =
    // English-speaking, male
    "aaron abraham adam adrian aidan aiden alan albert alexander alex alfred allen alvin andrew andy angus "
    "anthony archie arnold arthur ashton austin barry ben benjamin bennett bernard billy blake bobby brad "
    "bradley brandon brendan brent brett brian bruce bryan bryce byron caleb calvin cameron carl carlos carter "
    "casey cecil chad charles charlie chester chris christopher clarence clark clifford clinton clyde cody colin "
    "colton connor conor corey craig curtis dalton damian damon daniel danny darren darryl dave david dennis "
    "derek derrick dominic donald donovan douglas dudley duncan dustin dwayne dwight dylan eddie edgar edmund "
    "eduardo edward edwin elijah elliot elliott ellis elmer emmett eric erik ernest ethan eugene evan everett "
    "ezra felix floyd francis franklin fred freddie frederick gabriel garrett gary gavin geoffrey george gerald "
    "gilbert glenn gordon graham grayson greg gregory harold harrison harry harvey hayden henry herbert herman "
    "horace howard ian isaac isaiah ivan jack jackson jacob jake james jamie jared jarvis jason jasper jay jeff "
    "jeffrey jeremiah jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonah jonathan jordan joseph "
    "josh joshua josiah julian justin keith kelvin ken kenneth kent kevin kirk kyle lachlan landon larry lawrence "
    "lee leo leon leonard leroy lester levi lewis liam lincoln lloyd logan lonnie louis lucas luke luther lyle "
    "malcolm manuel marcus mario marshall martin marvin mason matt matthew maurice melvin michael mickey mike "
    "milton mitchell morgan morris nathan nathaniel neil nelson nicholas nick noah nolan norman oliver ollie "
    "oscar otis owen patrick paul percy perry peter phil philip phillip preston quentin quincy ralph randall "
    "randolph randy raymond reginald rex ricky riley robert robin rodney roger roland ronald ronnie ross roy "
    "russell ryan samuel scott sean seth shane shaun sheldon sidney simon spencer stanley stephen steve steven "
    "stewart stuart sylvester taylor ted terrence terry theodore thomas timothy toby todd tom tommy tony travis "
    "trevor troy tyler tyrone vernon victor vincent wallace walter warren wayne wesley wilbur willard william "
    "willie willis wilson winston wyatt zachary zack xavier jaxon jayden brayden easton colt beckett weston "
    "hudson jace kingston maverick ezekiel emmanuel silas declan rowan harvey theo finley freddy alfie reggie "
    "stanley tobias zane dexter jensen kellan bodhi jasper atticus ronan cohen brody tristan kaden kayden "
    // English-speaking, female
    "abby abigail ada addison adele adeline adrienne agnes aileen alexa alexandra alexis alice alicia alison "
    "allison alyssa amanda amelia amy ana andrea angela angelina anita ann anna annabelle anne annette annie "
    "antoinette arlene ashley audrey ava avery barbara beatrice becky belinda bella bernadette bernice beth "
    "bethany betsy betty beverly bianca bonnie brenda brianna bridget brittany brooke caitlin camila candace "
    "cara carla carmen carol caroline carolyn carrie cassidy catherine cecilia charlene charlotte chelsea cheryl "
    "chloe christina christine cindy claire clara claudia colleen connie constance cora courtney cynthia daisy "
    "dana danielle darlene debbie deborah debra delia delilah denise diana diane dianne dolores donna dora doreen "
    "doris dorothy edith edna eileen elaine eleanor elena eliana elise eliza elizabeth ella ellen ellie eloise "
    "elsie emilia emily emma erica erika erin esther estelle ethel eugenia eunice evelyn everly felicia fiona "
    "florence frances francesca freya gabriella gabrielle gail gemma genevieve georgia geraldine gertrude gianna "
    "gina gladys glenda gloria greta gwen gwendolyn hailey haley hannah harper harriet hayley heidi helen helena "
    "henrietta hilda holly imogen irene isabel isabella isabelle isla jackie jacqueline jane janet janice jasmine "
    "jean jeanette jeanne jenna jennifer jenny jessica jill jillian joan joann joanna joanne jocelyn jodi jody "
    "josephine joyce judith judy julia julie juliet justine kaitlyn kara karen kate katherine kathleen kathryn "
    "kathy katie katrina kay kayla kaylee keira kelly kelsey kendra kennedy kimberly kirsten kristen kristin "
    "kristina kylie laura lauren laurie layla leah lena leslie lillian lily linda lindsay lindsey lisa lois "
    "loretta lori lorraine louise lucille lucy luna lydia lynn mabel mackenzie madeline madelyn madison "
    "madeleine maggie mandy marcia margaret margie maria marian marianne marie marilyn marion marjorie marlene "
    "martha mary maureen maxine megan melanie melinda melissa meredith mia michelle mildred millie miranda "
    "miriam molly monica morgan muriel myrtle nadine nancy naomi natalie natasha nellie nicole nina nora norma "
    "olive olivia paige pamela patricia patsy paula pauline peggy penelope phoebe phyllis polly priscilla "
    "rachel rebecca regina renee rhonda rita roberta robyn rosalind rosemary roxanne ruth sabrina sadie sally "
    "samantha sandra sara sarah savannah scarlett selena shannon sharon sheila shelby shelley sherry shirley "
    "sienna sierra simone sonia sophia sophie stacey stacy stella stephanie sue susan suzanne sylvia tabitha "
    "tamara tammy tanya tara teresa terri tessa thelma theresa tiffany tina tracey tracy trisha valerie vanessa "
    "vera veronica vicki vickie victoria viola virginia vivian wanda wendy whitney wilma yvonne zoe zoey "
    "aaliyah aubrey brooklyn kinsley paisley leilani maeve nevaeh skylar hazel mila nora aria camilla adelaide "
    "eleanora evie poppy matilda orla darcy elsa lilly maisie lottie harriett freyja ivie "
    // Spanish and Portuguese
    "alejandro alejandra alberto alfonso alfredo alonso alvaro andres andrés antonio arturo beatriz carolina "
    "catalina cesar césar cristina cristian daniela diego eduardo emilio enrique esteban fernando francisco "
    "gabriela gerardo gonzalo guadalupe guillermo gustavo hector héctor ignacio isabel jaime javier jesus jesús "
    "jimena jorge jose josé juan juana julio leticia lorena lucia lucía luis luisa manuela marcela marco marcos "
    "margarita mariana marisol marta mateo matias matías mauricio miguel mónica natalia nicolas nicolás octavio "
    "óscar pablo paola pedro pilar rafael ramon ramón raul raúl ricardo roberto rodrigo rosario salvador santiago "
    "sergio silvia sofia susana tomas tomás valentina vicente víctor ximena yolanda joão joao thiago tiago "
    "matheus guilherme felipe bruno leonardo vinicius vinícius caio diogo andré andre paulo fernanda juliana "
    "larissa amanda bruna luana adriana renata aline raquel joana inês ines conceição gonçalo afonso rui nuno "
    // French
    "jean pierre jacques michel philippe alain christophe françois francois frédéric frederic gérard gerard "
    "henri jérôme julien laurent luc marc mathieu olivier patrice rémi remi sébastien sebastien stéphane "
    "stephane thierry yves antoine arnaud benoît benoit cédric cedric damien fabien florian guillaume jules léo "
    "maxime mathis quentin romain théo valentin brigitte cécile cecile chantal corinne delphine dominique élise "
    "émilie emilie françoise francoise hélène helene isabelle jacqueline josiane juliette laetitia léa lea manon "
    "margaux marine martine mathilde monique nathalie océane oceane sandrine sylvie valérie véronique virginie "
    "zoé zoë chloé camille amélie amelie aurélie aurelie céline celine agnès geneviève margot colette odette "
    "yvette josette gisèle ginette étienne etienne baptiste gaston hervé herve lucien marcel thibault xavier "
    // German, Dutch, Nordic
    "hans klaus jürgen juergen wolfgang andreas stefan uwe bernd dieter günter gunter horst helmut heinz karl "
    "werner manfred gerhard rolf ralf jörg joerg dirk sven lars jens kai florian sebastian maximilian lukas "
    "jonas finn moritz niklas matthias markus torsten holger ulrich volker rainer reinhard siegfried friedrich "
    "fritz otto heinrich wilhelm hermann ludwig gottfried johann johannes konrad kurt ernst günther ursula "
    "sabine petra gabriele susanne birgit karin renate helga ingrid gisela heike anja katrin kathrin silke "
    "stefanie katharina leonie johanna frieda ilse elke dagmar jutta ulrike margarete gertrud hildegard liesel "
    "pieter hendrik willem cornelis gerrit kees joost bram sander thijs ruben daan sem jeroen maarten bas stijn "
    "wouter niels koen joris anouk femke sanne lotte fleur lieke marieke anke mieke annemarie willemijn tess "
    "fenna saskia erik anders johan nils magnus fredrik henrik mikael mattias björn bjorn gustav oskar emil "
    "elias olle søren soren rasmus mads kasper jesper morten ole knut arne terje espen eirik håkon haakon sigurd "
    "leif olav sigrid astrid linnea freja frida maja ebba signe mette pia birgitte hanne lene liv solveig "
    "ragnhild marit kari tove ingeborg helle annika elin emelie malin sanna sofie ida tuva aino eino mikko jukka "
    "juha timo pekka matti antti ville jussi heikki tuomas aleksi veikko tiina päivi satu riikka "
    // Italian
    "giuseppe giovanni luigi francesco vincenzo pietro salvatore carlo franco domenico paolo michele giorgio "
    "aldo luciano stefano alessandro matteo lorenzo riccardo davide federico emanuele fabio massimo maurizio "
    "claudio enrico gianluca raffaele filippo tommaso edoardo niccolò niccolo giulio giuseppina giovanna "
    "carmela caterina antonella chiara giulia martina alessia federica simona elisa serena giorgia ginevra "
    "arianna ludovica gaia noemi graziella donatella ornella patrizia raffaella loredana stefania emanuela "
    "vittoria alessio gianni luca mattia sofía "
    // Slavic, Hungarian, Romanian, Greek
    "dmitri dmitry sergei sergey alexei alexey andrei andrey vladimir nikolai mikhail yuri boris oleg igor "
    "anatoly konstantin artem ruslan timur anton evgeny yevgeny grigory fyodor leonid vadim vitaly stanislav "
    "yaroslav bogdan taras oleksandr olena oksana olga tatiana tatyana svetlana irina ekaterina yekaterina "
    "anastasia galina lyudmila ludmila nadezhda larisa yulia polina daria darya ksenia alina veronika piotr "
    "pawel paweł krzysztof tomasz marek jakub wojciech grzegorz łukasz lukasz michał michal maciej kamil mateusz "
    "bartosz agnieszka katarzyna małgorzata malgorzata magdalena zofia aleksandra dorota beata jolanta krystyna "
    "petr jiří jiri josef tomáš lukáš ondřej ondrej václav vaclav zdeněk lenka lucie tereza markéta jelena "
    "milan dragan goran zoran nikola dejan marko ivana marija milica jovana dragana andrej miroslav radek "
    "ladislav lászló laszlo zoltán zoltan gábor gabor istván istvan attila ferenc zsolt csaba katalin erzsébet "
    "ildikó zsuzsanna ioan gheorghe mihai alexandru florin catalin ioana mihaela andreea georgios giorgos "
    "dimitris nikos konstantinos yannis kostas eleni katerina dimitra sasha misha kostya natasha "
    // Irish, Scottish, Welsh
    "seán ciaran cian eoin niall oisin darragh cormac fergus colm killian kieran dermot padraig siobhan aoife "
    "niamh saoirse ciara róisín roisin sinead sinéad aisling caoimhe deirdre grainne morag mhairi eilidh iona "
    "kirsty ailsa alasdair alistair callum calum hamish euan ewan rhys dafydd gareth gethin owain huw iwan emyr "
    "bethan cerys ffion rhiannon seren sian siân carys lowri angharad gwyneth nia "
    // Arabic, Persian, Turkish
    "mohammed muhammad mohamed mohammad ahmed ahmad ali omar umar hassan hussein husain hamza ibrahim ismail "
    "yusuf youssef khalid khaled tariq karim kareem rashid saeed samir sami nabil walid mustafa mahmoud abdullah "
    "abdul abdel faisal fahad bilal ayman ziad zaid jamal kamal adel adil amir amin anwar bashir hakim hadi "
    "hamid idris majid mansour marwan nasser osama qasim rami reza salim salman sharif sulaiman suleiman talal "
    "waleed yasin yasser younes zakaria zayed fatima aisha ayesha khadija maryam mariam zainab zaynab amina "
    "amira leila laila yasmin yasmine noor nour huda iman jamila karima lina mona nadia rania rana salma samira "
    "farah dalia dina hiba lamia maha malak manal rasha reem rima sahar soraya wafa zahra zeinab alia dariush "
    "darius cyrus farhad farid mehdi hossein parisa shirin mehmet mustafa emre burak murat ahmet  "
    "ayşe ayse elif zeynep fatma emine hatice merve esra selin deniz kerem onur serkan volkan cem "
    // South Asian
    "aarav vivaan aditya vihaan arjun reyansh ayaan krishna ishaan rohan rahul raj rajesh ramesh suresh mahesh "
    "ganesh dinesh naresh mukesh rakesh amit ankit arun ashok anil sunil vijay ajay sanjay deepak manoj pradeep "
    "sandeep vikram vikas vivek nikhil akash karan kunal varun gaurav saurabh abhishek siddharth ravi prakash "
    "srinivas venkat lakshmi priya pooja neha anjali divya kavya sneha shreya ananya aditi isha riya sanya meera "
    "nisha sunita anita kavita rekha geeta gita sita radha parvati lata usha uma deepa swati shweta preeti jyoti "
    "nandini aishwarya aarti tanvi ishita kriti sakshi sanjana madhuri pallavi shilpa smita vandana archana "
    "rohit sachin virat mohit sumit amitabh imran farhan aamir shahid irfan rahim harpreet gurpreet jaspreet "
    "manpreet simran navjot arjun ashwin girish harish hemant jagdish kiran lokesh mohan naveen pankaj rajiv "
    "sameer shankar shiva tarun uday vinay yogesh aparna bhavna chitra gayatri hema indira jaya "
    "kamala kalpana leela mala manisha namrata padma pushpa radhika rupa savita shanti sharmila sudha "
    "sushila vidya "
    // East and South-East Asian
    "wei fang jing lei yan hui ying xin yi ming hong qiang jie tao hao mei ling xiaoming xiaoling zhiwei "
    "jianguo guang chun dong feng hua jian lan liang ning peng qing rong shan "
    "shu ting xia xiu yong yun zhen zhi "
    "hiroshi takashi kenji akira yuki haruto sota yuto riku kaito hiro kenta daisuke shota takumi naoki "
    "satoshi makoto kazuki ryota yusuke koji taro ichiro jiro yoshi masato yuta sakura yui hana aoi rin yuna "
    "hina akiko yoko keiko naomi emi aya ayumi haruka kaori megumi noriko tomoko yumi miki misaki nanami asuka "
    "chihiro mio kenichi shinji takeshi tetsuya yoshiro hideo haruki "
    "minjun min-jun seojun seo-jun jihoon ji-hoon jiwoo ji-woo hyunwoo hyun-woo donghyun dong-hyun sungmin "
    "sung-min eunji eun-ji minseo min-seo haeun ha-eun seoyeon seo-yeon jiyeon ji-yeon soyeon so-yeon hyejin "
    "hye-jin junho jun-ho jaewon jae-won jisoo ji-soo yuna minho min-ho taehyung tae-hyung jungkook jimin "
    "seokjin namjoon hoseok yoongi sooyoung soo-young "
    "minh anh linh hoa huong thanh tuan duc hung quang trang thao phuong nguyet dung khanh "
    "somchai somsak siriporn nattapong kittisak malee "
    "rizal budi siti putri dewi agus wahyu "
    // African
    "kwame kofi kwaku kojo yaw akosua abena adwoa efua esi chinedu chidi chiamaka chioma ngozi emeka obinna "
    "uche nnamdi ifeoma adaeze oluwaseun seun tunde babatunde ayodele femi funmilayo folake bola bisi kemi tolu "
    "temitope yemi olu segun sipho thabo themba lerato thandiwe nomvula zanele bongani lwazi mandla sibusiso "
    "tendai tatenda farai chipo rudo wanjiru wanjiku njeri kamau otieno achieng akinyi amani baraka jabari "
    "juma zawadi imani neema aminata fatou moussa mamadou ousmane abdoulaye ibrahima cheikh aliou seydou awa "
    "aissatou mariama kadiatou haile tesfaye abebe almaz meron selam yonas dawit tigist hirut  "
    // Hebrew and other
    "avi avraham yosef moshe yitzhak itzik eli ari noam yael tamar shira noa avital chaim shlomo "
    "yehuda meir ilan oren tal dov rivka sarai "
    "giorgi levan nino ani armen aram anahit lilit narek "
    // Common test-data and assistant-trace names
    "alice bob carol dave eve mallory trent peggy victor walter sam dan don christian aurora alexandria "
    "olympia paris india israel sydney dallas orlando";

// Given names that are also common words, brands or products: a PERSON only with a surname or a title.
constexpr std::string_view kAmbiguousFirstNames =
    "will mark max bill ray guy rich frank grant dean drew miles wade lane reed cliff dale glen gene art jay "
    "lance page price king major chase hunter pat rob sandy rusty buddy earnest chip kit bud al ed jan jun "
    "hope joy grace faith rose lily ruby amber crystal jade pearl ivy heather iris jasmine "
    "summer autumn dawn sky river sage storm angel destiny harmony trinity serenity nova echo star "
    "april may june august julia pascal hugo claude alexa siri cassandra athena apollo django devin ada "
    "willow violet genesis eden journey haven justice liberty royal sterling duke prince earl baron "
    "rocky sunny misty candy brandy penny ginger ray hunter bentley mercedes porsche lexus "
    "min ping shin gang bo na li dong dung hung bas gerrit";

// Surnames (English, Spanish, Portuguese, French, German, Italian, Dutch, Nordic, Slavic, Greek, Turkish,
// Arabic, South Asian, Chinese, Japanese, Korean, Vietnamese, African, Irish and Scottish).
constexpr std::string_view kSurnames =
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez "
    "wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez "
    "lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker "
    "hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins "
    "reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly "
    "howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes "
    "price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan "
    "bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander "
    "hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina "
    "aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy "
    "wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon "
    "mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose "
    "stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver "
    "ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart "
    "bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray "
    "delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence "
    "sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler valdez harper burke "
    "larson santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs obrien o'brien "
    "lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza howell li "
    "wong reid hanson le mccoy garrett burton fuller wang weber welch rojas lucas marquez fields park yang "
    "little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer may holland juarez "
    "newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina "
    "stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier "
    "powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran "
    "walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon benson haynes "
    "horton miles lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara "
    "fletcher page mccarthy love robles cervantes solis erickson reeves chang klein salinas fuentes baldwin "
    "daniel simon velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins "
    "liu ramsey francis griffith paul blair oconnor o'connor cardenas pacheco cross calderon quinn moss swanson "
    "chan rivas khan rodgers serrano fitzgerald rosales stevenson christensen manning gill curry mclaughlin "
    "harmon mcgee gross doyle garner newton burgess reese walton blake trujillo adkins brady goodman roman "
    "webster goodwin fischer huang potter delacruz montoya todd wu hines mullins castaneda malone cannon tate "
    "mack sherman hubbard hodges zhang guerra wolf valencia saunders franco rowe gallagher farmer hammond "
    "hampton townsend ingram wise gallegos clarke barton schroeder maxwell waters logan camacho strickland "
    "norman colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez "
    "bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller hartman french "
    "kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias villanueva "
    "zamora pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett "
    "mercado santana shepherd bautista ali shaffer lamb trevino mckenzie hess olsen cochran morton nash wilkins "
    "petersen briggs shah roth nicholson holloway lozano rangel flowers hoover short arias mora valenzuela "
    "bryan meyers weiss underwood bass greer summers houston carson morrow clayton whitaker decker yoder "
    "collier zuniga carey wilcox melendez poole roberson larsen conley davenport copeland massey lam huff "
    "rocha cameron jefferson hood monroe anthony pittman huynh randall singleton kirk combs mathis christian "
    "skinner bradford richard galvan wall boone kirby wilkinson bridges bruce atkinson velez meza roy vincent "
    "york hodge villa abbott allison tapia gates chase sosa sweeney farrell wyatt dalton horn barron phelps yu "
    "dickerson heath foley atkins mathews bonilla acevedo benitez zavala hensley glenn cisneros harrell "
    "shields rubio huffman choi boyer garrison arroyo bond kane hancock callahan dillon cline wiggins grimes "
    "arellano melton oneill o'neill savage ho beltran pitts parrish ponce rich booth koch golden ware brennan "
    "mcdowell marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berg wiley gilmore russo villegas "
    "hobbs keith wilkerson ahmed beard mcclain montes mata rosario vang walter henson oneal mosley mcclure "
    "beasley stephenson snow huerta preston vance barry johns eaton blackwell dyer prince macdonald solomon "
    "guevara stafford english hurst woodard cortes shannon kemp nolan mccullough merritt murillo moon salgado "
    "strong kline cordova barajas roach rosas winters jacobson lester knox bullock kerr leach meadows orr "
    "davila whitehead pruitt kent conway mckee barr david dejesus marin berger mcintyre blankenship gaines "
    "palacios cuevas bartlett durham dorsey mccall odonnell o'donnell stein browning stout lowery sloan mclean "
    "hendricks calhoun sexton chung gentry hull duarte ellison nielsen gillespie buck middleton sellers "
    "leblanc esparza hardin bradshaw mcintosh howe livingston frost glass morse knapp herman stark bravo noble "
    "spears weeks corona frederick buckley mcfarland hebert enriquez hickman quintero randolph schaefer walls "
    "trejo house reilly pennington michael conrad giles benjamin crosby fitzpatrick donovan mays mahoney "
    "valentine raymond medrano hahn mcmillan small bentley felix peck lucero boyle hanna pace rush hurley "
    "harding mcconnell bernal nava ayers everett ventura avery pugh mayer bender shepard mcmahon landry case "
    "sampson moses magana blackburn dunlap gould duffy vaughan herring mckay espinosa rivers farley bernard "
    "ashley friedman potts truong costa correa blevins nixon clements fry delarosa best benton lugo portillo "
    "dougherty crane haley phan villalobos blanchard horne finley quintana lynn esquivel bean dodson mullen "
    "xiong hayden cano levy huber richmond moyer lim frye sheppard mccarty avalos booker waller parra woodward "
    "jaramillo krueger rasmussen brandt peralta donaldson stuart faulkner maynard galindo coffey estes sanford "
    "burch maddox vo oconnell o'connell vu andersen spence mcpherson church schmitt stanton leal cherry "
    "compton dudley sierra pollard alfaro hester proctor lu hinton novak good madden mccann terrell jarvis "
    "dickson reyna cantrell mayo branch hendrix rollins rowland whitney duke odom daugherty travis tang archer "
    "hopper lovelace turing einstein newton darwin curie tesla edison jobs gates musk bezos zuckerberg "
    "obama biden trump clinton bush lincoln kennedy roosevelt churchill gandhi mandela "
    // German, Dutch, Nordic
    "müller mueller schmidt schneider fischer meyer wagner becker schulz hoffmann schäfer schaefer koch bauer "
    "richter klein wolf schröder schroeder neumann schwarz zimmermann braun krüger krueger hofmann hartmann "
    "lange werner krause lehmann köhler koehler maier huber kaiser fuchs peters lang scholz möller moeller "
    "weiß jung hahn vogel friedrich keller günther frank berger winkler roth beck lorenz baumann franke albrecht "
    "schuster simon ludwig böhm winter kraus schumacher krämer vogt stein jäger otto sommer groß seidel heinrich "
    "brandt haas schreiber graf dietrich ziegler kuhn kühn pohl engel horn busch bergmann thomas voigt sauer "
    "arnold wolff pfeiffer dejong de jong jansen devries de vries vandenberg van den berg vandijk van dijk "
    "bakker janssen visser smit meijer degroot de groot mulder deboer de boer bos vos hendriks vanleeuwen "
    "dekker brouwer dewit de wit dijkstra smits degraaf vandermeer andersson johansson karlsson nilsson "
    "eriksson larsson olsson persson svensson gustafsson pettersson jonsson jansson johansen kristiansen "
    "jørgensen jorgensen pedersen madsen korhonen virtanen mäkinen makinen nieminen hämäläinen hamalainen "
    "laine heikkinen koskinen järvinen jarvinen lehtonen lindqvist lindberg lindström lundgren berglund "
    "sandberg nyström holm "
    // French, Italian, Spanish, Portuguese
    "bernard dubois durand leroy moreau laurent lefebvre michel fournier girard lefèvre lefevre mercier "
    "dupont bonnet legrand garnier faure rousseau blanc guérin guerin roussel perrin morin mathieu clément "
    "clement gauthier dumont fontaine chevalier lemaire renaud bertrand rossi ferrari esposito bianchi romano "
    "colombo ricci marino greco bruno gallo conti de luca deluca mancini giordano rizzo lombardi moretti "
    "barbieri fontana santoro mariani rinaldi caruso ferrara galli martini leone longo gentile martinelli "
    "vitale lombardo serra coppola de santis desantis d'angelo dangelo marchetti parisi conte ferraro ferri "
    "fabbri bianco marini grasso valentini messina sala gatti pellegrini palumbo sanna farina rizzi monti "
    "cattaneo morelli amato silvestri mazza testa grassi pellegrino carbone giuliani benedetti barone "
    "rossetti caputo montanari palmieri bernardi martino fiore ferretti bellini basile riva donati piras "
    "vitali battaglia sartori neri costantini milani pagano ruggiero sorrentino d'amico orlando negri "
    "fernández gonzález rodríguez lópez martínez sánchez pérez gómez martín jiménez ruiz hernández díaz "
    "álvarez muñoz romero alonso gutiérrez navarro torres domínguez vázquez ramos gil ramírez serrano blanco "
    "suárez molina morales ortega delgado castro ortiz rubio marín sanz núñez iglesias medina garrido santos "
    "castillo cortés lozano guerrero cano prieto méndez calvo cruz gallego vidal león herrera márquez peña "
    "cabrera flores campos vega díez fuentes carrasco caballero nieto reyes aguilar pascual herrero santana "
    "lorenzo hidalgo montero ibáñez ibanez giménez gimenez ferrer durán vicente benítez mora santiago arias "
    "vargas carmona crespo román pastor soto sáez saez velasco soler moya esteban parra bravo gallardo rojas "
    "silva oliveira souza rodrigues ferreira alves pereira lima gomes ribeiro carvalho almeida lopes soares "
    "fernandes vieira barbosa rocha dias nascimento andrade moreira nunes marques machado mendes freitas "
    "cardoso goncalves gonçalves teixeira araujo araújo pinto correia cunha "
    // Slavic, Hungarian, Romanian, Greek, Turkish
    "nowak kowalski wiśniewski wisniewski wójcik wojcik kowalczyk kamiński kaminski lewandowski zieliński "
    "zielinski szymański szymanski woźniak wozniak dąbrowski dabrowski kozłowski kozlowski jankowski mazur "
    "kwiatkowski krawczyk piotrowski grabowski novák novak horvat kovač kovac kovács kovacs nagy tóth toth "
    "szabó szabo horváth horvath varga kiss molnár molnar németh nemeth farkas balogh ivanov smirnov kuznetsov "
    "popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev lebedev semenov egorov "
    "pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov shevchenko kovalenko bondarenko "
    "tkachenko kravchenko oliynyk popescu ionescu popa dumitru stoica gheorghe rusu munteanu dvořák dvorak "
    "svoboda novotný novotny černý cerny procházka prochazka papadopoulos papadakis georgiou nikolaidis "
    "pappas yılmaz yilmaz kaya demir şahin sahin çelik celik yıldız yildiz yıldırım yildirim öztürk ozturk "
    "aydın "
    "aydin özdemir ozdemir arslan doğan dogan kılıç kilic aslan çetin cetin kara koç koc kurt özkan ozkan "
    "şimşek simsek "
    // Arabic, Persian, South Asian
    "mohamed hassan hussein ibrahim mahmoud mustafa abdullah khalil haddad nasser saleh salem rahman hamdan "
    "aziz karim farouk mansour qureshi siddiqui hussain iqbal akhtar chaudhry chaudhary sheikh butt malik "
    "hosseini rezaei mohammadi ahmadi karimi moradi jafari sharma kumar gupta mehta joshi desai jain reddy rao "
    "nair iyer menon pillai das bose banerjee chatterjee mukherjee ghosh sen dutta chowdhury verma agarwal "
    "mishra pandey tiwari yadav srivastava saxena kapoor malhotra chopra khanna bhatia sethi arora sandhu "
    "dhillon naidu krishnan subramanian venkatesh raman murthy hegde kulkarni patil deshpande jadhav pawar "
    "shinde gowda bhatt trivedi chauhan rajput thakur "
    // East and South-East Asian
    "zhao wu zhou xu sun ma zhu hu guo he gao luo zheng liang xie song han feng deng cao peng zeng xiao tian "
    "dong pan yuan cai jiang du ye cheng wei su ding ren shen yao jin fu zhong tan cheung leung chow ng yip "
    "tsang kwok lau chiu sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida "
    "yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto "
    "ishikawa ogawa fujita okada goto hasegawa murakami kondo ishii saito sakamoto endo aoki fujii nishimura "
    "fukuda ota miura takeuchi nakajima okamoto matsuda harada nakano park choi jung jeong kang cho yoon jang "
    "lim oh seo shin kwon hwang ahn yoo hong jeon ko moon son bae baek heo nam hoang huynh phan vo dang bui do "
    "ngo duong ly "
    // African
    "okafor okonkwo adeyemi adebayo okeke eze nwosu mensah boateng asante owusu kamau otieno mwangi njoroge "
    "ochieng wanjiru banda phiri dlamini nkosi ndlovu mokoena khumalo zulu mahlangu diallo traoré traore "
    "diop ndiaye keita coulibaly kone touré toure bekele tadesse "
    // Irish, Scottish, Welsh
    "byrne mccarthy o'sullivan osullivan kavanagh mcloughlin macleod mackenzie fraser robertson mackay "
    "maclean macdonald ferguson morrison paterson henderson jones davies evans thomas price griffiths "
    "hughes lloyd llewellyn";

// Surnames that are also everyday words or given names; they extend a name but never anchor one.
constexpr std::string_view kWeakSurnames =
    "young long white black green brown gray grey rose stone fox wolf strong good best small short rich golden "
    "love snow house church branch case day may page price banks fields hill wall walls park parks mills woods "
    "rivers flowers lane king bell cook baker carpenter mason hunter bishop archer english french sun song "
    "pan son oh moon ye tan gill cole dean grant ball cross frost glass marsh moss noble hardy sharp bond "
    "gates cannon ford wise little hood mack meadows summers winters waters sparks powers crane hale hart "
    "stout cherry friend moody lamb bass duke prince travis chase mark will ray walker turner cooper "
    "parker porter taylor mills hall wood ward gray miles terry jordan james thomas henry george paul lucas "
    "david daniel simon martin michael joseph patrick raymond francis vincent dennis dudley frank norman "
    "lawrence leonard douglas gregory wallace warren graham gordon russell howard curtis bruce glenn "
    "ashley avery dawson cameron kelly casey lynn shannon tyler riley morgan logan keith kent travis "
    "austin lincoln houston jefferson washington jackson kennedy clay holland york durham orlando "
    "santiago valencia lima santos cruz reyes medina "
    "jobs gates house winter sommer engel horn busch vogel graf kaiser otto bos vos smit jung lang kiss "
    "kara kurt can do ho ko li lu ma he hu ng wu yu su ye tesla edison darwin newton einstein turing curie";

constexpr std::string_view kTitles =
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr sen senator rep gov governor pres "
    "president capt captain lt lieutenant sgt sergeant col colonel cmdr commander adm admiral det detective "
    "judge rabbi imam sheikh pastor mister madam madame mme mlle herr frau señor senor señora senora dott";

constexpr std::string_view kParticles =
    "van von der den de da di del della dos das du la le bin ibn al el ter ten zu af";

// Places that are more often given names: a LOCATION only in a place context.
constexpr std::string_view kNameFirstPlaces =
    "chad austin madison savannah aurora florence victoria lincoln chelsea charlotte adelaide alexandria "
    "helena sofia olympia";

struct PeopleLists {
  WordSet first = make_set(kFirstNames);
  WordSet ambiguous = make_set(kAmbiguousFirstNames);
  WordSet surnames = make_set(kSurnames);
  WordSet weak = make_set(kWeakSurnames);
  WordSet titles = make_set(kTitles);
  WordSet particles = make_set(kParticles);
  WordSet name_first_places = make_set(kNameFirstPlaces);
  PeopleLists() {
    for (std::string_view word : ambiguous) first.erase(word);
  }
};

const PeopleLists& people() {
  static const PeopleLists lists;
  return lists;
}

}  // namespace

bool is_first_name(std::string_view key) { return people().first.count(key) > 0; }
bool is_ambiguous_first_name(std::string_view key) { return people().ambiguous.count(key) > 0; }
bool is_surname(std::string_view key) { return people().surnames.count(key) > 0; }
bool is_strong_surname(std::string_view key) {
  const PeopleLists& p = people();
  return key.size() > 3 && p.surnames.count(key) && !p.weak.count(key) && !p.first.count(key) &&
         !p.ambiguous.count(key) && !is_common_word(key) && !is_location(key) && !is_nrp(key);
}
bool is_name_first_place(std::string_view key) { return people().name_first_places.count(key) > 0; }
bool is_title(std::string_view key) { return people().titles.count(key) > 0; }
bool is_particle(std::string_view key) { return people().particles.count(key) > 0; }

}  // namespace inv::detectors::pii
