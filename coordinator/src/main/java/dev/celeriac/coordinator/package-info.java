/**
 * The coordinator (DESIGN.md, Coordinator): {@link dev.celeriac.coordinator.Coordinator} joins a
 * ZooKeeper election and, while it leads, fires cron schedules exactly once, dispatches delayed
 * tasks on time, reaps expired tasks and silent workers, and deletes old results. {@link
 * dev.celeriac.coordinator.ScheduleManager} is the schedule API the web console calls; {@link
 * dev.celeriac.coordinator.CoordinatorMain} runs a coordinator as its own process.
 */
@NullMarked
package dev.celeriac.coordinator;

import org.jspecify.annotations.NullMarked;
