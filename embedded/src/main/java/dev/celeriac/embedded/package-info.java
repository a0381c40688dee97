/**
 * Kafka (KRaft), ZooKeeper and PostgreSQL started in-process, for the dev mode and for tests. Each
 * server has a start/stop lifecycle and an ephemeral data directory unless given one.
 */
@NullMarked
package dev.celeriac.embedded;

import org.jspecify.annotations.NullMarked;
