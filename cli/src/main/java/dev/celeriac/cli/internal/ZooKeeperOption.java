package dev.celeriac.cli.internal;

import picocli.CommandLine.Option;

/** Where ZooKeeper is, for the coordinator election. */
public final class ZooKeeperOption {
  @Option(
      names = "--zk",
      defaultValue = "localhost:2181",
      paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "The ZooKeeper ensemble of the coordinator election.")
  String zk = "localhost:2181";

  /** The connect string. */
  public String connectString() {
    return zk;
  }
}
