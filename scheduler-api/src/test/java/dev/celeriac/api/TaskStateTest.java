package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateTest {
  /**
   * The allowed moves, written out by hand: row = from, column = to, {@code x} = allowed. Columns
   * are in declaration order: PENDING, SCHEDULED, STARTED, RETRYING, TIMED_OUT, SUCCEEDED, FAILED,
   * REVOKED, EXPIRED, DEAD.
   */
  private static final List<String> TABLE =
      List.of(
          "PENDING    . x x x x x x x x x",
          "SCHEDULED  . x x x x x x x x x",
          "STARTED    . x x x x x x x x x",
          "RETRYING   . x x x x x x x x x",
          "TIMED_OUT  . x x x x x x x x x",
          "SUCCEEDED  . . . . . . . . . .",
          "FAILED     . . . . . . . . . .",
          "REVOKED    . . . . . . . . . .",
          "EXPIRED    . . . . . . . . . .",
          "DEAD       . . . . . . . . . .");

  private static final List<TaskState> TERMINAL =
      List.of(
          TaskState.SUCCEEDED,
          TaskState.FAILED,
          TaskState.REVOKED,
          TaskState.EXPIRED,
          TaskState.DEAD);

  static Stream<Arguments> everyPair() {
    TaskState[] states = TaskState.values();
    return TABLE.stream()
        .flatMap(
            row -> {
              String[] cells = row.split("\\s+");
              TaskState from = TaskState.valueOf(cells[0]);
              return Arrays.stream(states)
                  .map(to -> Arguments.of(from, to, cells[1 + to.ordinal()].equals("x")));
            });
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void transitionIsAllowedExactlyWhenTheTableSaysSo(TaskState from, TaskState to, boolean allowed) {
    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
  }

  @Test
  void tableCoversEveryStateInBothDirections() {
    assertThat(TABLE).hasSize(TaskState.values().length);
    assertThat(TABLE.stream().map(row -> TaskState.valueOf(row.split("\\s+")[0])))
        .containsExactly(TaskState.values());
    assertThat(TABLE).allSatisfy(row -> assertThat(row.split("\\s+")).hasSize(11));
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void terminalStatesAreExactlyTheFinalOnes(TaskState state) {
    boolean leavesNowhere = Arrays.stream(TaskState.values()).noneMatch(state::canMoveTo);

    assertThat(state.isTerminal()).isEqualTo(TERMINAL.contains(state)).isEqualTo(leavesNowhere);
  }

  @ParameterizedTest
  @EnumSource(
      value = TaskState.class,
      names = {"PENDING", "SCHEDULED", "STARTED", "RETRYING", "TIMED_OUT"})
  void everyUnfinishedStateCanStillReachEveryTerminalState(TaskState state) {
    assertThat(TERMINAL).allMatch(state::canMoveTo);
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void nothingMovesBackToPending(TaskState state) {
    assertThat(state.canMoveTo(TaskState.PENDING)).isFalse();
  }
}
