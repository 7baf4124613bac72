// The detector catalog port: what detectors the server has loaded (GET /api/detectors). The plugin
// adapter implements it next to the detector registry it exposes to the domain.
//
// Thread-safety: implementations are immutable after start-up; describe() may be called concurrently.
#pragma once

#include <boost/json/value.hpp>

namespace inv::app::ports {

class DetectorCatalog {
 public:
  virtual ~DetectorCatalog() = default;
  // {"detectors": [...loaded plugins with their functions, signatures, versions...],
  //  "refused": [{"path": ..., "reason": ...}]}
  virtual boost::json::value describe() const = 0;
};

}  // namespace inv::app::ports
