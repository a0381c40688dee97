package dev.celeriac.embedded.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** Formats the KRaft storage of a single node, as {@code kafka-storage.sh format} does. */
public final class KafkaStorage {
  private KafkaStorage() {}

  /**
   * Formats {@code dataDirectory} with a new cluster id and the latest production features (share
   * groups included). A directory that is already formatted is left as it is, so a restarted node
   * keeps its cluster id and data.
   *
   * @throws IllegalStateException if formatting fails
   */
  public static void formatIfNeeded(Path dataDirectory) {
    String dir = dataDirectory.toString();
    if (Files.exists(dataDirectory.resolve("meta.properties"))) {
      return; // formatting again would choose a new cluster id, which the node then refuses
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(KafkaBrokerProperties.NODE_ID)
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e, e);
    }
  }
}
