#include "infra/pg/notifications.hpp"

namespace rt::pg {

void Notifications::start() {
    if (callbacks_.empty() || listener_) return;
    std::vector<std::string> channels;
    for (const auto& [channel, _] : callbacks_) channels.push_back(channel);
    listener_ = std::make_unique<Listener>(conninfo_, std::move(channels), [this](const std::string& channel) {
        auto it = callbacks_.find(channel);
        if (it == callbacks_.end()) return;
        for (const auto& cb : it->second) cb();
    });
    listener_->start();
}

void Notifications::stop() {
    if (listener_) listener_->stop();
}

}  // namespace rt::pg
