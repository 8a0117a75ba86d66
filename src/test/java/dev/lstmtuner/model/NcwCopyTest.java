package dev.lstmtuner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NcwCopyTest {
    private static final int MB = 3;
    private static final int K = 4;
    private static final int T = 5;

    /** [mb, k, T] arrays in every layout the layers meet: c, f, a Bidirectional half (view), a permuted view. */
    private static List<INDArray> layouts(DataType type) {
        Nd4j.getRandom().setSeed(1);
        INDArray c = Nd4j.rand(type, MB, K, T);
        INDArray wide = Nd4j.rand(type, MB, 2 * K, T);
        return List.of(c, c.dup('f'), wide.get(NDArrayIndex.all(), NDArrayIndex.interval(K, 2 * K), NDArrayIndex.all()),
                wide.dup('f').get(NDArrayIndex.all(), NDArrayIndex.interval(0, K), NDArrayIndex.all()),
                Nd4j.rand(type, T, K, MB).permute(2, 1, 0), Nd4j.rand(type, K, MB, T).permute(1, 0, 2));
    }

    @Test
    void rowsFromAnyLayoutEqualNd4jsPermutedCopyAndBack() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (INDArray a : layouts(type)) {
                NativeRows rows = new NativeRows(type, K);
                rows.ensureRows(T * MB);
                NcwCopy.ofThread().fromNcw(a, rows, type);
                assertThat(rows.shaped(T, MB, K)).as("%s strides %s", type, Arrays.toString(a.stride()))
                        .isEqualTo(a.permute(2, 0, 1).dup('c'));
                INDArray back = Nd4j.createUninitialized(type, new long[] {MB, K, T}, 'f');
                NcwCopy.ofThread().toNcw(rows, back, type);
                assertThat(back).isEqualTo(a);
            }
        }
    }
}
