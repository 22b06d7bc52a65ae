#pragma once
// LISTEN on a dedicated connection and call back on NOTIFY, so relays wake at once when a
// transaction commits new rows. After every (re)connect it calls back once for each channel,
// because notifications sent while it was disconnected are lost.
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace rt::pg {

class Listener {
public:
    using Callback = std::function<void(const std::string& channel)>;
    Listener(std::string conninfo, std::vector<std::string> channels, Callback on_notify);
    ~Listener();
    void start();
    void stop();

private:
    void run();
    std::string conninfo_;
    std::vector<std::string> channels_;
    Callback on_notify_;
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace rt::pg
