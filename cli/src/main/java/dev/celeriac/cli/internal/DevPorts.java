package dev.celeriac.cli.internal;

/**
 * The ports of {@code celeriac dev}'s embedded servers on 127.0.0.1.
 *
 * @param kafka the Kafka client port
 * @param kafkaController the Kafka KRaft controller port
 * @param zooKeeper the ZooKeeper port
 * @param console the web console's HTTP port
 */
public record DevPorts(int kafka, int kafkaController, int zooKeeper, int console) {
  /**
   * Checks that every port is free before anything starts.
   *
   * @throws CliFailure naming the first port in use and the flag that sets it
   */
  public void checkFree() {
    Probes.portFree("Kafka (--kafka-port)", kafka);
    Probes.portFree(
        "the Kafka controller (kept in the data directory's dev.properties)", kafkaController);
    Probes.portFree("ZooKeeper (--zk-port)", zooKeeper);
    Probes.portFree("the console (--console-port)", console);
  }
}
