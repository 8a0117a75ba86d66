package dev.lstmtuner.model;

import dev.lstmtuner.config.RunConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;

/**
 * The {@code transformer} family: a small self-attention encoder from DL4J's attention layers. Learned positions
 * ({@link LearnedPositions}: attention alone ignores the bars' order), then one multi-head
 * {@link SelfAttentionLayer} per {@code units} entry (its output size; {@code heads} heads of {@code head_size}
 * each, queries, keys and values projected from the input), each followed by dropout, then the average over the
 * window's steps. DL4J's {@code MultiLayerNetwork} has no residual connections or layer norm, so this is the encoder
 * without them: keep it shallow (one or two layers).
 */
final class AttentionEncoder {
    private AttentionEncoder() {
    }

    static void add(NeuralNetConfiguration.ListBuilder list, RunConfig c) {
        list.layer(new LearnedPositions());
        for (int units : c.units()) {
            list.layer(new SelfAttentionLayer.Builder().nOut(units).nHeads(c.heads()).headSize(c.headSize())
                    .projectInput(true).build());
            ModelFactory.dropout(list, c);
        }
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
    }
}
