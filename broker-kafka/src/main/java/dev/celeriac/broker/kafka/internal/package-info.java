/** Implementation details of the Kafka broker; not for use outside Celeriac. */
@NullMarked
package dev.celeriac.broker.kafka.internal;

import org.jspecify.annotations.NullMarked;
