/** The RabbitMQ broker's internals: connections, topology, confirms, consumers. Not API. */
@NullMarked
package dev.celeriac.broker.amqp.internal;

import org.jspecify.annotations.NullMarked;
