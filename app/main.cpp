// Composition root of the `invariant` executable: reads configuration from the environment, builds the
// detector registry and the services, and dispatches the command line.
#include <iostream>
#include <string>
#include <vector>

#include "adapters/detectors/inprocess_registry.hpp"
#include "app/analyze_service.hpp"
#include "app/cli.hpp"
#include "app/config.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    inv::adapters::InProcessDetectorRegistry detectors;
    auto options = inv::app::service_options_from_env();
    inv::app::AnalyzeService service(detectors, options);
    return inv::app::run_cli(args, service, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "invariant: " << e.what() << "\n";
    return inv::app::kExitInternal;
  }
}
