// Python repr()/str() rules: strings, floats, containers, records (TRACE_AND_RESULTS.md §5.2).
// Expected strings were produced by CPython's repr().
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include <gtest/gtest.h>

#include "domain/eval/value.hpp"
#include "domain/result/py_repr.hpp"

using namespace std::literals;

namespace inv {
namespace {

double from_bits(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

struct FloatCase {
  std::uint64_t bits;
  const char* repr;
};

// (IEEE-754 bits, repr(x)) pairs from CPython: fixed values around the notation switch points, random
// magnitudes and random bit patterns.
const FloatCase kFloatCases[] = {
    {0x0000000000000000ULL, "0.0"},
    {0x8000000000000000ULL, "-0.0"},
    {0x3ff0000000000000ULL, "1.0"},
    {0xbff0000000000000ULL, "-1.0"},
    {0x3fb999999999999aULL, "0.1"},
    {0x3fc999999999999aULL, "0.2"},
    {0x3fd3333333333333ULL, "0.3"},
    {0x3fd5555555555555ULL, "0.3333333333333333"},
    {0x3fe5555555555555ULL, "0.6666666666666666"},
    {0x3ff8000000000000ULL, "1.5"},
    {0x4004000000000000ULL, "2.5"},
    {0x4059000000000000ULL, "100.0"},
    {0x430c6bf526340000ULL, "1000000000000000.0"},
    {0x4341c37937e08000ULL, "1e+16"},
    {0x4376345785d8a000ULL, "1e+17"},
    {0x4415af1d78b58c40ULL, "1e+20"},
    {0x444b1ae4d6e2ef50ULL, "1e+21"},
    {0x4480f0cf064dd592ULL, "1e+22"},
    {0x44b52d02c7e14af6ULL, "1e+23"},
    {0x434aa535d3d0c000ULL, "1.5e+16"},
    {0x437b69b4ba630f35ULL, "1.2345678901234568e+17"},
    {0x4340000000000000ULL, "9007199254740992.0"},
    {0x43118b54f22aeb00ULL, "1234567890123456.0"},
    {0x3f1a36e2eb1c432dULL, "0.0001"},
    {0x3ee4f8b588e368f1ULL, "1e-05"},
    {0x3f201f31f46ed246ULL, "0.000123"},
    {0x3ee9cb8320b15070ULL, "1.23e-05"},
    {0x0000000000000001ULL, "5e-324"},
    {0x0010000000000000ULL, "2.2250738585072014e-308"},
    {0x7fefffffffffffffULL, "1.7976931348623157e+308"},
    {0x400921fb54442d18ULL, "3.141592653589793"},
    {0x4005bf0a8b145769ULL, "2.718281828459045"},
    {0x3e7ad7f29abcaf48ULL, "1e-07"},
    {0x405edd2f1a9fbe77ULL, "123.456"},
    {0xc08edd3c0ca600b0ULL, "-987.654321"},
    {0x4011666666666666ULL, "4.35"},
    {0x3fd3333333333334ULL, "0.30000000000000004"},
    {0x54b249ad2594c37dULL, "1e+100"},
    {0x2b2bff2ee48e0530ULL, "1e-100"},
    {0x41b1de784a000000ULL, "299792458.0"},
    {0x44dfe185ca57c517ULL, "6.02214076e+23"},
    {0x4341c37937e07fffULL, "9999999999999998.0"},
    {0x4341c37937e08000ULL, "1e+16"},
    {0x3f50624dd2f1a9fcULL, "0.001"},
    {0x3f847ae147ae147bULL, "0.01"},
    {0x3eb4b66da6c0b2a4ULL, "1.2345678e-06"},
    {0x3f1a36e2eb1c432dULL, "0.0001"},
    {0x3f1a36e2eb1c432cULL, "9.999999999999999e-05"},
    {0x7e6ddd4baa009303ULL, "1e+301"},
    {0xbf1334f7b7f197c9ULL, "-7.326852754516092e-05"},
    {0x44d380e8d02b3ed6ULL, "3.6841168948847566e+23"},
    {0x3d2fdd099101d2a3ULL, "5.660081687288613e-14"},
    {0xbe4aafa4eb00c72dULL, "-1.2426688428353016e-08"},
    {0x3cf95052e20d930cULL, "5.6207848807584295e-15"},
    {0xc1c07cbdeec8dfcdULL, "-553221085.5693299"},
    {0x437545f7c0ec4573ULL, "9.580647850995486e+16"},
    {0xc08e951eb5ff63f8ULL, "-978.6399955704101"},
    {0x4153393e6b972607ULL, "5039353.681100375"},
    {0x3c6094086c98b7d0ULL, "7.189671403008851e-18"},
    {0x449cee693eb68a5dULL, "3.4156042577355215e+22"},
    {0xbfa1622099c59fb5ULL, "-0.03395177723979207"},
    {0x3941532c24ac3fabULL, "6.673305781472406e-33"},
    {0xc3d42067b3527090ULL, "-5.801092399572861e+18"},
    {0x3ae93e72392b41dbULL, "6.52540306855235e-25"},
    {0x454c2ebd648f1595ULL, "6.814129097617121e+25"},
    {0xc360a748907b4f01ULL, "-3.7500237846837256e+16"},
    {0x440174c289371254ULL, "4.025101089707095e+19"},
    {0x451084996a831182ULL, "4.992248879103394e+24"},
    {0x3cfa823201b7c937ULL, "5.8860861833151604e-15"},
    {0xba1f0ce6c07d34deULL, "-9.79777739674883e-29"},
    {0x451b890cb0bd07cfULL, "8.32204885850523e+24"},
    {0xbc8429107e6f7c30ULL, "-3.4972732915832304e-17"},
    {0x3bb23a9c853fa5b1ULL, "3.860130483192259e-21"},
    {0xba134bfac7683c18ULL, "-6.088994973657491e-29"},
    {0x3aa805b2708359d0ULL, "3.8810044523033684e-26"},
    {0xc3b03fef33157c5bULL, "-1.1709174308224602e+18"},
    {0x3c5f4cbf8a803383ULL, "6.787061729470148e-18"},
    {0x3fe3e630083f006cULL, "0.6218490754181523"},
    {0xc1f252151659ee19ULL, "-4917907813.620629"},
    {0x45f33c77fe9a949cULL, "9.525307830408943e+28"},
    {0x3e74a38a6c8b0eedULL, "7.688563664469605e-08"},
    {0xc0cd3af950c24a07ULL, "-14965.947777067324"},
    {0xbbc512dc82327367ULL, "-8.925049451536086e-21"},
    {0x3c776ef268d3aa3bULL, "2.032522273327636e-17"},
    {0x3d452186eaf6863fULL, "1.5014453632474333e-13"},
    {0x4085bdc324e354f2ULL, "695.7202852020548"},
    {0x39aaadc8cec46cf3ULL, "6.576843149666972e-31"},
    {0x44a9ba8989d14526ULL, "6.075008357600052e+22"},
    {0xbcf6c02e572552a5ULL, "-5.051671769471715e-15"},
    {0xba839217c7e76873ULL, "-7.904532831270686e-27"},
    {0x3ef313d98292fc1cULL, "1.8193757715275716e-05"},
    {0x39d2e8b205c1bd35ULL, "3.7291360892702516e-30"},
    {0x3ebdd6b2d88f8d75ULL, "1.7785231156635185e-06"},
    {0xbf0ae820f076c3e1ULL, "-5.132055781176932e-05"},
    {0xbdaa6b9759c649ddULL, "-1.2014551511187832e-11"},
    {0x43515340b96601ecULL, "1.950644823025451e+16"},
    {0x4347fc42a06bfd13ULL, "1.350257510763575e+16"},
    {0x3e0382fc12a7f1f7ULL, "5.67864010425696e-10"},
    {0x40b3ef4956e0ba3cULL, "5103.286481900661"},
    {0x3d01804f110ffc6fULL, "7.772096948837934e-15"},
    {0x3e757443a3d2148bULL, "7.99229633187406e-08"},
    {0x41fc44bdbf6deed9ULL, "7588273142.870812"},
    {0x3e77a1a9ea261d71ULL, "8.803419374567561e-08"},
    {0xbd3501366c33af69ULL, "-7.462381530112661e-14"},
    {0xbec9c63cc3178c23ULL, "-3.072543699232583e-06"},
    {0xbda0362f868cfa87ULL, "-7.372210658528493e-12"},
    {0x3a350177015e0f4bULL, "2.651294875559076e-28"},
    {0x3c83e45b23af76b9ULL, "3.450714657907936e-17"},
    {0x42a1a304e8e7ef96ULL, "9695929857015.793"},
    {0x39b6869be01ec116ULL, "1.1106084736031596e-30"},
    {0x450a447f5f97713dULL, "3.9694427319264397e+24"},
    {0xbd23a77d8cc7db87ULL, "-3.4912978268081997e-14"},
    {0xc326675f0f91040fULL, "-3153053734175239.5"},
    {0xba7e8b864d6c7717ULL, "-6.1685172692569626e-27"},
    {0xc412c1976feda903ULL, "-8.64977836910272e+19"},
    {0x3c07b08228f94ca2ULL, "1.6052620173884026e-19"},
    {0xc464c523e0649cd5ULL, "-3.065122606772642e+21"},
    {0x3f2a5543336d5117ULL, "0.00020090527842831697"},
    {0x3b2702c783e47816ULL, "9.517067336588819e-24"},
    {0xc4159f595a40ad28ULL, "-9.971598337667197e+19"},
    {0x3dd7d155fdef48f7ULL, "8.66483547097535e-11"},
    {0x3ae2bf9de263160dULL, "4.8463744035746815e-25"},
    {0xbcf9a9e8d8a7be43ULL, "-5.6984881708291926e-15"},
    {0xbbc715ff644087a3ULL, "-9.777270908746281e-21"},
    {0x3a1b22f6fcbb0c4bULL, "8.562795212227933e-29"},
    {0xbae46924ecea121bULL, "-5.276047379324421e-25"},
    {0x402e6d801673ffb0ULL, "15.213867856655128"},
    {0x41544798947cea72ULL, "5316194.3201242555"},
    {0x3fa53a10ef9d1054ULL, "0.04145863461465696"},
    {0xbe71c90cde4c52ffULL, "-6.625560151588359e-08"},
    {0x3e3cf463b3deb8c7ULL, "6.741528944392935e-09"},
    {0x3dc9da0a19131ef8ULL, "4.7023998526963064e-11"},
    {0xbdc1383567e4a093ULL, "-3.1322206101922625e-11"},
    {0x3b46f3d9092972e9ULL, "3.797177640003675e-23"},
    {0x40fad018a4c93b15ULL, "109825.54023097114"},
    {0x3ae7c8881881c68bULL, "6.147845847466147e-25"},
    {0x45e4af7d4c979bfeULL, "5.1214831388375795e+28"},
    {0xc0581d298623919fULL, "-96.4556594226219"},
    {0x3fae26fc5b1843b0ULL, "0.05889118778225766"},
    {0x4566f76d17dfa118ULL, "2.221184397453231e+26"},
    {0x3ea3bc10862318c9ULL, "5.881377201026384e-07"},
    {0x42a20504c96fcf3fULL, "9906382223335.623"},
    {0x45658e1f60c50e8eULL, "2.084687765962927e+26"},
    {0xbbbfc5320a3e3852ULL, "-6.727621609892591e-21"},
    {0x44e4176519080187ULL, "7.59031117070105e+23"},
    {0x3a836b17cbd70cdcULL, "7.843001775421667e-27"},
    {0x40f3b8ffb9000dfeULL, "80783.98266606775"},
    {0x3cf98750c786c155ULL, "5.66848264900709e-15"},
    {0xbd195e8b1d9ebeffULL, "-2.25324738753366e-14"},
    {0xc3387ab7a6a1e347ULL, "-6890328634286919.0"},
    {0xc0d85454fbff5d4fULL, "-24913.327880707857"},
    {0x451bb275b820da58ULL, "8.370937475111746e+24"},
    {0xc03e20d80b1c1161ULL, "-30.128296560623657"},
    {0x3cbccd1c5bd652c0ULL, "3.996971360833635e-16"},
    {0xbf08689ba69d9a10ULL, "-4.6555757605305195e-05"},
    {0xbcc00127d6e924beULL, "-4.442145027497395e-16"},
    {0x40fe6beaf646960aULL, "124606.68512590989"},
    {0xc335ea4d272a4176ULL, "-6168591601385846.0"},
    {0x3cf9af4819e3638dULL, "5.703147715390537e-15"},
    {0xc18ab2f519de38baULL, "-55991971.233506635"},
    {0xb9e4717402d7de34ULL, "-8.063411335631682e-30"},
    {0x45712df24ac92316ULL, "3.322994388179308e+26"},
    {0x440b219a19669178ULL, "6.256042070851761e+19"},
    {0x432c421c67a7281cULL, "3976994556711950.0"},
    {0xc5e6ab0f72b58351ULL, "-5.612375586183318e+28"},
    {0x3c65474ca742df0cULL, "9.228084176801875e-18"},
    {0x3d04ad8823e04c1eULL, "9.18281387982594e-15"},
    {0x39beb1c3d9c22274ULL, "1.5133504989342749e-30"},
    {0xbded4cf2d7b26310ULL, "-2.131897816688121e-10"},
    {0x492b4442829c95a2ULL, "3.04033194026288e+44"},
    {0x35ca0e23076c3a39ULL, "1.3927895575069413e-49"},
    {0x64b0bca66dc189f6ULL, "1.0597242324330478e+177"},
    {0xaea505cfebea6318ULL, "-5.410778945689015e-84"},
    {0x66cb8cc894bf5abaULL, "1.4984005129712109e+187"},
    {0xa57d91e1ca7d2befULL, "-4.2659032353577755e-128"},
    {0xba52b147a3f27015ULL, "-9.437300476411816e-28"},
    {0xcf72b4f6a916ec77ULL, "-5.288353834003342e+74"},
    {0x921f5cff70ae3c94ULL, "-2.169124972556932e-221"},
    {0xfd85667a8ffe04dbULL, "-4.3736674973737386e+296"},
    {0x8087e48a47acc900ULL, "-4.253048001878031e-306"},
    {0x8984dc16484fef17ULL, "-8.280606832137799e-263"},
    {0xa887f62a12b8fbf5ULL, "-1.94601904202832e-113"},
    {0xf8a76ffd7a2ff98eULL, "-1.584880990415786e+273"},
    {0xb3b2cbcdd9820ed4ULL, "-1.1696847823971133e-59"},
    {0xeab59d637b8837d1ULL, "-1.0842970032819539e+206"},
    {0x289e1e65a6201eebULL, "4.892134824107687e-113"},
    {0x6c08115fe63ad718ULL, "2.532005294687874e+212"},
    {0xb4197a6f0c294e6bULL, "-1.0147301264382624e-57"},
    {0xbb9342f9192c0628ULL, "-1.019701324998505e-21"},
    {0xd47c1e66e663e86aULL, "-9.609808281815921e+98"},
    {0x443000231e8624c2ULL, "2.9515779036502884e+20"},
    {0x50914063a9d9f37dULL, "1.2784573628634885e+80"},
    {0x69a83797e34eb93eULL, "9.2685193511773e+200"},
    {0x64722c12bb613f0cULL, "7.191244532726987e+175"},
    {0x17bb14e07a100178ULL, "2.3186560551161422e-194"},
    {0x63c759a1fb3a4c43ULL, "4.5118722697877376e+172"},
    {0xa4739077b03a0928ULL, "-4.306721839849924e-133"},
    {0xbd4decd41f051604ULL, "-2.1263070743919893e-13"},
    {0x3ad921476e4f7825ULL, "3.247975882714827e-25"},
    {0x9ee4b994fd827148ULL, "-7.370642997877393e-160"},
    {0xc0485eea01de1970ULL, "-48.741516335913616"},
    {0x27d052c675771499ULL, "6.473076467676266e-117"},
    {0x03aaa714a07f3451ULL, "5.3416414860074426e-291"},
    {0x28fdf2605b1fbb60ULL, "3.1130907811055346e-111"},
    {0xadce60d5d770c3c3ULL, "-4.772151430411196e-88"},
    {0xe9cf5a2c4515aa49ULL, "-4.7997173597475424e+201"},
    {0x63239fb324fa44c2ULL, "3.7029793387820603e+169"},
    {0x4fdf180a290ff88eULL, "5.625669104055662e+76"},
    {0xa09455f9528fa701ULL, "-9.706981825878787e-152"},
    {0x50f1a7f999cfde30ULL, "8.374037582799707e+81"},
    {0x0a09b32a6e0e643cULL, "2.6117080114644917e-260"},
    {0x3ecae88b5aab95e6ULL, "3.2077284307537185e-06"},
    {0x99bd1c73b0d1e97cULL, "-1.0704882096076686e-184"},
    {0x75326aeadcec8696ULL, "3.4567697244788424e+256"},
    {0x58ce5ecf06d854f9ULL, "6.126861210042894e+119"},
    {0x6464d50cabda7eb4ULL, "4.121953978866473e+175"},
    {0x231a38f77f7122aeULL, "1.3762475341312378e-139"},
    {0xc47491379b67a4f9ULL, "-6.070382153645782e+21"},
    {0x5fc098d2c3dc81c4ULL, "1.7385072860567838e+153"},
    {0xb0a2271cdd211fd8ULL, "-2.0066624498166193e-74"},
    {0x915ad20ed58950d7ULL, "-4.5286707906166406e-225"},
    {0xe66db8a4d37c2ad4ULL, "-2.5257748897573778e+185"},
    {0xcbe3dbfb4c75e9ebULL, "-3.8955895930826664e+57"},
    {0x21ddaeaa8c27824aULL, "1.4856602682746331e-145"},
    {0x739084937fb7b1ccULL, "4.619666541093997e+248"},
    {0x02da8028b12217a1ULL, "6.483362542414174e-295"},
    {0xc14d9e9b775da1f0ULL, "-3882294.932544939"},
    {0x3b12f20f5e1ae444ULL, "3.917847291278187e-24"},
    {0xfa01b32868d20166ULL, "-5.020132912014623e+279"},
};

TEST(FloatRepr, MatchesCPythonOnManyValues) {
  for (const auto& c : kFloatCases) {
    EXPECT_EQ(float_repr(from_bits(c.bits)), c.repr) << std::hex << c.bits;
  }
}

TEST(FloatRepr, SpecialValues) {
  EXPECT_EQ(float_repr(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(float_repr(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(float_repr(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(float_repr(-std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(float_repr(-0.0), "-0.0");
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(float_repr(1e-5), "1e-05");
  EXPECT_EQ(float_repr(1e-4), "0.0001");
  EXPECT_EQ(float_repr(1.5e16), "1.5e+16");
  EXPECT_EQ(float_repr(1e100), "1e+100");
  EXPECT_EQ(float_repr(2.5), "2.5");
}

struct StrCase {
  std::string_view text;
  std::string_view repr;
};

// (text, repr(text)) from CPython.
const StrCase kStrCases[] = {
    {""sv, "''"sv},
    {"a"sv, "'a'"sv},
    {"hello"sv, "'hello'"sv},
    {"it's"sv, "\042it's\042"sv},
    {"say \042hi\042"sv, "'say \042hi\042'"sv},
    {"both ' and \042"sv, "'both \134' and \042'"sv},
    {"back\134slash"sv, "'back\134\134slash'"sv},
    {"tab\011here"sv, "'tab\134there'"sv},
    {"nl\012x\015\012"sv, "'nl\134nx\134r\134n'"sv},
    {"\000\001\037\177"sv, "'\134x00\134x01\134x1f\134x7f'"sv},
    {"\303\251"sv, "'\303\251'"sv},
    {"na\303\257ve caf\303\251"sv, "'na\303\257ve caf\303\251'"sv},
    {"\346\227\245\346\234\254\350\252\236"sv, "'\346\227\245\346\234\254\350\252\236'"sv},
    {"\342\200\250"sv, "'\134u2028'"sv},
    {"\342\200\251"sv, "'\134u2029'"sv},
    {"\302\240"sv, "'\134xa0'"sv},
    {"\302\255"sv, "'\134xad'"sv},
    {"\342\200\213"sv, "'\134u200b'"sv},
    {"\357\273\277"sv, "'\134ufeff'"sv},
    {"\363\240\201\250"sv, "'\134U000e0068'"sv},
    {"\360\237\230\200"sv, "'\360\237\230\200'"sv},
    {"\356\200\200"sv, "'\134ue000'"sv},
    {"\364\217\277\277"sv, "'\134U0010ffff'"sv},
    {"\302\205"sv, "'\134x85'"sv},
    {"\302\200\302\237"sv, "'\134x80\134x9f'"sv},
    {"\343\200\200"sv, "'\134u3000'"sv},
    {" "sv, "' '"sv},
    {"\315\270"sv, "'\134u0378'"sv},
    {"emoji \360\237\221\215\360\237\217\275"sv, "'emoji \360\237\221\215\360\237\217\275'"sv},
    {"'"sv, "\042'\042"sv},
    {"\042"sv, "'\042'"sv},
    {"'\042"sv, "'\134'\042'"sv},
    {"\134'"sv, "\042\134\134'\042"sv},
    {"a\134nb"sv, "'a\134\134nb'"sv},
    {"\341\240\216"sv, "'\134u180e'"sv},
    {"\363\260\200\200"sv, "'\134U000f0000'"sv},
    {"\330\200"sv, "'\134u0600'"sv},
    {"\355\237\277"sv, "'\134ud7ff'"sv},
    {"\357\277\277"sv, "'\134uffff'"sv},
    {"\357\277\275"sv, "'\357\277\275'"sv},
    {"\360\235\220\200"sv, "'\360\235\220\200'"sv},
    {"\304\200\304\201\304\202\304\203"sv, "'\304\200\304\201\304\202\304\203'"sv},
    {"\330\234"sv, "'\134u061c'"sv},
    {"\342\201\246"sv, "'\134u2066'"sv},
};

TEST(StrRepr, MatchesCPython) {
  for (const auto& c : kStrCases) {
    std::string out;
    append_repr_string(out, c.text);
    EXPECT_EQ(out, c.repr) << c.text;
    EXPECT_EQ(py_repr(make_str(std::string(c.text))), c.repr);
    EXPECT_EQ(py_str(make_str(std::string(c.text))), c.text);
  }
}

TEST(StrRepr, CorpusExamples) {
  EXPECT_EQ(py_repr(make_str("exec('print(1)')")), "\"exec('print(1)')\"");
  EXPECT_EQ(py_repr(make_str("Tagged output: \U000E0068\U000E006F")), "'Tagged output: \\U000e0068\\U000e006f'");
  EXPECT_EQ(py_repr(make_str("import os\nimport sys\n")), "'import os\\nimport sys\\n'");
}

TEST(StrRepr, InvalidUtf8PrintsAsSurrogateEscapes) {
  EXPECT_EQ(py_repr(make_str("a\xff" "b")), "'a\\udcffb'");
  EXPECT_EQ(py_repr(make_str("\xc3")), "'\\udcc3'");
  // An encoded lone surrogate (WTF-8) prints like Python's lone surrogate.
  EXPECT_EQ(py_repr(make_str("\xed\xa0\x80")), "'\\ud800'");
}

TEST(IsPrintable, UnicodeCategories) {
  EXPECT_TRUE(py_isprintable(U' '));
  EXPECT_TRUE(py_isprintable(U'a'));
  EXPECT_FALSE(py_isprintable(U'\n'));
  EXPECT_FALSE(py_isprintable(0x7F));
  EXPECT_FALSE(py_isprintable(0xA0));     // Zs
  EXPECT_FALSE(py_isprintable(0x2028));   // Zl
  EXPECT_FALSE(py_isprintable(0x2029));   // Zp
  EXPECT_FALSE(py_isprintable(0x200B));   // Cf
  EXPECT_FALSE(py_isprintable(0xE000));   // Co
  EXPECT_FALSE(py_isprintable(0xD800));   // Cs
  EXPECT_FALSE(py_isprintable(0x0378));   // Cn
  EXPECT_FALSE(py_isprintable(0x110000));
  EXPECT_TRUE(py_isprintable(0xE9));
  EXPECT_TRUE(py_isprintable(0x1F600));
  EXPECT_TRUE(py_isprintable(0x1F6DC));   // assigned in Unicode 15.0 (CPython 3.12)
  EXPECT_TRUE(py_isprintable(0x1F979));   // assigned in Unicode 14.0
}

Value rec(const RecordClass& c, std::vector<Value> f) { return std::make_shared<RecordObj>(&c, std::move(f)); }

TEST(PyRepr, Scalars) {
  EXPECT_EQ(py_repr(none()), "None");
  EXPECT_EQ(py_repr(py_bool(true)), "True");
  EXPECT_EQ(py_repr(py_bool(false)), "False");
  EXPECT_EQ(py_repr(make_int(0)), "0");
  EXPECT_EQ(py_repr(make_int(-42)), "-42");
  EXPECT_EQ(py_repr(make_int(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(py_repr(make_float(1.0)), "1.0");
  EXPECT_EQ(py_repr(unknown()), "<UNKNOWN>");
  EXPECT_EQ(py_repr(std::make_shared<ToolRefObj>("send_email")), "ToolReference(send_email)");
  EXPECT_EQ(py_str(make_int(3)), "3");
  EXPECT_EQ(py_str(make_float(1e20)), "1e+20");
  EXPECT_EQ(py_str(py_bool(true)), "True");
  EXPECT_EQ(py_str(none()), "None");
}

TEST(PyRepr, Containers) {
  EXPECT_EQ(py_repr(make_list({})), "[]");
  EXPECT_EQ(py_repr(make_list({make_int(1), make_str("x")})), "[1, 'x']");
  EXPECT_EQ(py_repr(make_tuple({})), "()");
  EXPECT_EQ(py_repr(make_tuple({make_int(1)})), "(1,)");
  EXPECT_EQ(py_repr(make_tuple({make_int(1), make_int(2)})), "(1, 2)");
  EXPECT_EQ(py_repr(make_dict({})), "{}");
  EXPECT_EQ(py_repr(make_dict({{"a", make_float(1.5)}, {"b", none()}, {"c", make_list({make_int(1), make_str("x")})},
                               {"d", make_dict({{"e", py_bool(true)}})}, {"s", make_str("it's")},
                               {"big", make_float(1e20)}})),
            "{'a': 1.5, 'b': None, 'c': [1, 'x'], 'd': {'e': True}, 's': \"it's\", 'big': 1e+20}");
  EXPECT_EQ(py_repr(make_dict({{"it's", make_int(1)}})), "{\"it's\": 1}");
  EXPECT_EQ(py_str(make_list({make_str("a")})), "['a']");
}

TEST(PyRepr, RecordsPrintLikePydantic) {
  Value fn = rec(function_class(), {make_str("f"), make_dict({})});
  Value call = rec(tool_call_class(), {make_dict({}), make_str("1"), make_str("function"), fn});
  EXPECT_EQ(py_repr(call), "ToolCall(metadata={}, id='1', type='function', function=Function(name='f', arguments={}))");
  EXPECT_EQ(py_str(call), "metadata={} id='1' type='function' function=Function(name='f', arguments={})");

  Value msg = rec(message_class(), {make_dict({{"trace_idx", make_int(1)}}), make_str("assistant"),
                                    make_str("Hello, user 1"), none()});
  EXPECT_EQ(py_str(msg), "metadata={'trace_idx': 1} role='assistant' content='Hello, user 1' tool_calls=None");
  Value msg2 = rec(message_class(), {make_dict({{"trace_idx", make_int(0)}}), make_str("assistant"), make_str("Hey"),
                                     make_list({call})});
  EXPECT_EQ(py_str(msg2),
            "metadata={'trace_idx': 0} role='assistant' content='Hey' tool_calls=[ToolCall(metadata={}, id='1', "
            "type='function', function=Function(name='f', arguments={}))]");
  Value out = rec(tool_output_class(),
                  {make_dict({{"trace_idx", make_int(2)}}), make_str("tool"), make_str("out"), make_str("9")});
  EXPECT_EQ(py_str(out), "metadata={'trace_idx': 2} role='tool' content='out' tool_call_id='9'");
  // Chunked content prints as the list of chunk dicts.
  Value chunked = rec(message_class(), {make_dict({{"trace_idx", make_int(0)}}), make_str("user"),
                                        make_list({make_dict({{"type", make_str("text")}, {"text", make_str("Hello X")}})}),
                                        none()});
  EXPECT_EQ(py_str(chunked),
            "metadata={'trace_idx': 0} role='user' content=[{'type': 'text', 'text': 'Hello X'}] tool_calls=None");

  static const RecordClass other{"SecretMatch", RecordKind::Other, {"kind", "start"}};
  EXPECT_EQ(py_repr(rec(other, {make_str("aws"), make_int(3)})), "SecretMatch(kind='aws', start=3)");
  EXPECT_EQ(py_str(rec(other, {make_str("aws"), make_int(3)})), "kind='aws' start=3");
}

}  // namespace
}  // namespace inv
