package dev.celeriac.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;

/**
 * Reads an election from ZooKeeper as Curator's {@code LeaderLatch} decides it: the participant
 * whose latch node has the lowest sequence number leads; a node's data is the participant's id.
 */
final class ElectionView implements AutoCloseable {
  private final CuratorFramework client;
  private final String path;

  ElectionView(String path) {
    this.path = path;
    this.client =
        CuratorFrameworkFactory.newClient(TestZooKeeper.connectString(), new RetryOneTime(100));
    client.start();
  }

  /** The ids of the participants, leader first. */
  List<String> participants() throws Exception {
    if (client.checkExists().forPath(path) == null) {
      return List.of();
    }
    return client.getChildren().forPath(path).stream()
        .sorted(Comparator.comparing(ElectionView::sequence))
        .map(this::idOf)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The leader's id, if anyone leads. */
  Optional<String> leader() throws Exception {
    return participants().stream().findFirst();
  }

  private static String sequence(String node) {
    return node.substring(node.lastIndexOf('-') + 1);
  }

  private Optional<String> idOf(String node) {
    try {
      return Optional.of(
          new String(client.getData().forPath(path + "/" + node), StandardCharsets.UTF_8));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty(); // the participant left between the listing and the read
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path + "/" + node, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
