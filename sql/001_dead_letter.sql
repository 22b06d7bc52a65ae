-- Kafka records we could not handle (not JSON, failed validation, permanent handler error),
-- kept with the reason and the raw bytes for inspection. Owned by the Kafka edge (src/infra).
CREATE TABLE dead_letter (
    id bigserial PRIMARY KEY,
    topic text NOT NULL,
    kafka_partition integer NOT NULL,
    kafka_offset bigint NOT NULL,
    handler text NOT NULL,
    reason text NOT NULL,
    raw bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (topic, kafka_partition, kafka_offset, handler)
);
