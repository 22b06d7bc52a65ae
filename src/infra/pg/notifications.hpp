#pragma once
// Modules ask to be called when a channel is notified (NOTIFY); one LISTEN connection serves all.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "infra/pg/listener.hpp"

namespace rt::pg {

class Notifications {
public:
    explicit Notifications(std::string conninfo) : conninfo_(std::move(conninfo)) {}
    // Before start() only.
    void on(const std::string& channel, std::function<void()> callback) { callbacks_[channel].push_back(std::move(callback)); }
    void start();
    void stop();

private:
    std::string conninfo_;
    std::map<std::string, std::vector<std::function<void()>>> callbacks_;
    std::unique_ptr<Listener> listener_;
};

}  // namespace rt::pg
