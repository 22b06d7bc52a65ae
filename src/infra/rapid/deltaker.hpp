#pragma once
#include <optional>
#include <string>

namespace rt::rapid {

inline constexpr const char* kAppName = "rekrutteringstreff";

// Who we are on the rapid: `service`, `instance` and `image` of our participating-services
// entries; `app_name` and `instance_id` on pong and life-cycle events.
struct Deltaker {
    std::string instance;                // the host name
    std::string service = kAppName;      // NAIS_APP_NAME
    std::optional<std::string> image{};  // NAIS_APP_IMAGE; left out when unset
    std::string app_name = kAppName;     // service, with -<cluster>-<namespace> when both are set
};

}  // namespace rt::rapid
