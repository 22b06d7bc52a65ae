#pragma once
// The in-process event bus: modules publish plain structs, subscribers are found by type.
// Dispatch is synchronous in the publisher's thread, so a subscriber's exception reaches the
// publisher, which can then decide not to mark the event delivered.
#include <functional>
#include <shared_mutex>
#include <typeindex>
#include <unordered_map>
#include <vector>

namespace rt {

class Bus {
public:
    template <class Event>
    void subscribe(std::function<void(const Event&)> handler) {
        std::unique_lock lock(mutex_);
        subscribers_[std::type_index(typeid(Event))].push_back(
            [h = std::move(handler)](const void* e) { h(*static_cast<const Event*>(e)); });
    }

    // Calls every subscriber of Event in subscription order; the first exception stops the
    // dispatch and propagates.
    template <class Event>
    void publish(const Event& event) const {
        std::shared_lock lock(mutex_);
        auto it = subscribers_.find(std::type_index(typeid(Event)));
        if (it == subscribers_.end()) return;
        for (const auto& s : it->second) s(&event);
    }

    template <class Event>
    std::size_t subscriber_count() const {
        std::shared_lock lock(mutex_);
        auto it = subscribers_.find(std::type_index(typeid(Event)));
        return it == subscribers_.end() ? 0 : it->second.size();
    }

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::type_index, std::vector<std::function<void(const void*)>>> subscribers_;
};

}  // namespace rt
