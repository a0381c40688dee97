package dev.celeriac.broker.kafka.internal;

/** Where one record lives: its topic, partition and offset. */
record RecordKey(String topic, int partition, long offset) {}
