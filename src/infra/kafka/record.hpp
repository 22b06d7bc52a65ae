#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rt::kafka {

// One consumed record, copied out of librdkafka's buffers.
struct Record {
    std::string topic;
    int partition = 0;
    long long offset = 0;
    std::optional<std::string> key;
    std::string value;
    bool null_value = false;  // a tombstone: the record has no value at all (not even "")
    std::vector<std::pair<std::string, std::string>> headers;
    // One bit per handler that is done with this record, so that a batch retried after a
    // transient error does not run those handlers again.
    std::uint64_t done = 0;
};

// One record to produce.
struct OutRecord {
    std::string topic;
    std::optional<std::string> key;
    std::string value;
    std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace rt::kafka
