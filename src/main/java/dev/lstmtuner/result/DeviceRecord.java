package dev.lstmtuner.result;

/**
 * Where and how a trial computed, as read back from the running process (not as configured): the device it was
 * given, the recurrent layer it was built with, the thread counts OpenBLAS and libnd4j report, and the device plan
 * of the run that started it.
 *
 * @param device      "cpu", or "gpu N" (the CUDA_VISIBLE_DEVICES its worker was given)
 * @param layer       the recurrent layer used, e.g. "lstm: fast" or "lstm: stock (layer_impl fast needs ...)"
 * @param blasThreads OpenBLAS's thread count in effect
 * @param nd4jThreads libnd4j's thread count in effect
 * @param plan        the device plan of the search or worker that ran it, one line
 */
public record DeviceRecord(String device, String layer, int blasThreads, int nd4jThreads, String plan) {
}
