/**
 * The device plan: what this machine has ({@link dev.lstmtuner.search.device.Inventory}, read from /sys, /proc,
 * the cgroup and nvidia-smi), how many workers of how many threads on which devices it runs
 * ({@link dev.lstmtuner.search.device.DevicePlanner}), and whether their memory fits. Pure functions over an
 * inventory, so tests run them over fake machines.
 */
package dev.lstmtuner.search.device;
