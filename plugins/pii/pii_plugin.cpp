// The `pii` detector plugin (STDLIB.md §3.3): personal data found by the offline recognizers of
// pii_core.hpp. Returns the entity type of every finding (in text order, then position order) and marks
// each finding as a range — on the message for message input (messages.N:S-E), as the reference does;
// `entities` restricts the types. The <EMAIL_ADDRESS>, <PHONE_NUMBER>, <PERSON> and <LOCATION> value
// patterns use this function.
#include <stdexcept>

#include "invariant/detector_sdk.hpp"
#include "plugins/pii/pii_core.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::Json pii(sdk::Call& call) {
  std::vector<std::string> wanted;
  inv::detectors::PiiOptions options;
  if (const sdk::Json* e = call.arg("entities"); e && !e->is_null()) {
    if (!e->is_array()) throw sdk::Error("TypeError", "pii() argument 'entities' must be a list of entity names");
    for (const auto& x : e->as_array()) {
      if (!x.is_string()) throw sdk::Error("TypeError", "pii() entity names must be str");
      wanted.push_back(x.as_string());
    }
    options.entities = &wanted;
  }
  sdk::Json out = sdk::Json::array();
  for (std::size_t i = 0; i < call.texts().size(); ++i) {
    call.check_deadline();
    std::vector<inv::detectors::PiiFinding> found;
    try {
      found = inv::detectors::analyze_pii(call.texts()[i], options);
    } catch (const std::invalid_argument& e) {
      throw sdk::Error("ValueError", e.what());
    }
    for (const auto& f : found) {
      out.push_back(f.entity);
      call.mark(i, f.start, f.end);
    }
  }
  return out;
}

sdk::PluginDef define() {
  sdk::PluginDef p{"pii", "1.0.0",
                   "Personal data, offline: e-mail, phone, credit card, IBAN, IP, URL, crypto addresses, US/UK "
                   "identity numbers, dates, and names, places and groups from embedded word lists."};
  p.function("pii")
      .exported_from({"invariant.detectors", "invariant.detectors.pii"})
      .data()
      .optional("entities", "list|None", nullptr)
      .marks_on_events()
      .returning("list[str]")
      .describe("The entity type of every finding with a score above 0.5 (PERSON, LOCATION, NRP, DATE_TIME, "
                "EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, CRYPTO, IBAN_CODE, IP_ADDRESS, URL, MEDICAL_LICENSE, "
                "US_SSN, US_ITIN, US_PASSPORT, US_DRIVER_LICENSE, US_BANK_NUMBER, UK_NHS); each is marked.")
      .run(pii);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
