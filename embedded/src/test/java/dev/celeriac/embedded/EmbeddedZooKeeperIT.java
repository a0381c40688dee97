package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class EmbeddedZooKeeperIT {
  @Test
  void curatorClientConnectsAndALeaderLatchGainsLeadership(ZooKeeperEndpoint zookeeper)
      throws Exception {
    try (var client = connect(zookeeper);
        var latch = new LeaderLatch(client, "/latch-" + UUID.randomUUID(), "node-1")) {
      assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
      latch.start();
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(latch.getLeader().getId()).isEqualTo("node-1");
    }
  }

  @Test
  void dataWrittenBeforeAStopIsReadAfterARestartOnTheSamePort(@TempDir Path dataDirectory)
      throws Exception {
    try (var zookeeper = EmbeddedZooKeeper.builder().dataDirectory(dataDirectory).build()) {
      ZooKeeperEndpoint endpoint = zookeeper.start();
      try (var client = connect(endpoint)) {
        client.create().forPath("/kept", "value".getBytes(StandardCharsets.UTF_8));
      }

      zookeeper.stop();
      assertThat(zookeeper.isRunning()).isFalse();
      assertThat(zookeeper.start()).isEqualTo(endpoint);

      try (var client = connect(endpoint)) {
        assertThat(new String(client.getData().forPath("/kept"), StandardCharsets.UTF_8))
            .isEqualTo("value");
      }
    }
  }

  private static CuratorFramework connect(ZooKeeperEndpoint endpoint) {
    var client =
        CuratorFrameworkFactory.builder()
            .connectString(endpoint.connectString())
            .sessionTimeoutMs(6_000)
            .connectionTimeoutMs(6_000)
            .retryPolicy(new ExponentialBackoffRetry(100, 5))
            .build();
    client.start();
    return client;
  }
}
