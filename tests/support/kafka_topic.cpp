// Creates or deletes a Kafka topic, for the shell-driven tests and benchmarks (kcat cannot, and
// a topic the broker makes on first use has one partition).
// Usage: kafka_topic create <brokers> <topic> <partitions> | kafka_topic delete <brokers> <topic>
#include <iostream>
#include <string>

#include "infra/kafka/admin.hpp"

int main(int argc, char** argv) {
    const std::string verb = argc > 1 ? argv[1] : "";
    if (!((verb == "create" && argc == 5) || (verb == "delete" && argc == 4))) {
        std::cerr << "usage: kafka_topic create <brokers> <topic> <partitions> | kafka_topic delete <brokers> <topic>\n";
        return 2;
    }
    try {
        rt::kafka::KafkaSettings settings{argv[2], std::nullopt, "kafka-topic", {}};
        if (verb == "create") rt::kafka::create_topic(settings, argv[3], std::stoi(argv[4]));
        else rt::kafka::delete_topic(settings, argv[3]);
    } catch (const std::exception& e) {
        std::cerr << "kafka_topic: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
