// The UTF-8 toolkit lives in the plugin SDK (plugins/sdk/include/invariant/utf8.hpp) so that the server and
// every detector plugin use the same code; this header keeps the project-internal include path.
#pragma once

#include "../plugins/sdk/include/invariant/utf8.hpp"
