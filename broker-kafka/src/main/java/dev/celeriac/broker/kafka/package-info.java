/**
 * The {@link dev.celeriac.api.spi.Broker} on Apache Kafka: one topic per queue, consumption through
 * share groups (KIP-932). Start with {@link dev.celeriac.broker.kafka.KafkaBroker#create}.
 */
@NullMarked
package dev.celeriac.broker.kafka;

import org.jspecify.annotations.NullMarked;
