/**
 * The RabbitMQ {@link dev.celeriac.api.spi.Broker}: {@link dev.celeriac.broker.amqp.AmqpBroker},
 * configured by {@link dev.celeriac.broker.amqp.AmqpBrokerConfig}.
 *
 * <p>Topology: one direct exchange (default {@code celeriac}) routes each message by its queue name
 * to a durable queue of that name. Queues are quorum queues with a delivery limit unless configured
 * as classic priority queues; both dead-letter to {@code <queue>.dead} through the exchange {@code
 * <exchange>.dead}.
 */
@NullMarked
package dev.celeriac.broker.amqp;

import org.jspecify.annotations.NullMarked;
