package dev.celeriac.broker.kafka.internal;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.AcknowledgeType;

/** A settlement asked for on some thread, waiting to be applied on its share consumer's thread. */
record Settlement(KafkaDelivery delivery, AcknowledgeType type, CompletableFuture<Void> done) {}
