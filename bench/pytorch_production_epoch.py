"""PyTorch yardstick for the production epoch: ../shared/bench/pytorch_epoch.py's two models (LSTM or GRU) trained
as lstm-tuner's `train` runs an epoch: dropout after every recurrent layer (ModelFactory's placement, the last one
too), each layer's gradient clipped to L2 norm clip_norm (DL4J's ClipL2PerLayer), then a validation pass.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_production_epoch.py lstm|gru small|big [epochs=3] [threads=1]
Prints "epoch N time S" lines in wall seconds (time.perf_counter) and a RESULT line. Same data shape, batches, Adam
and MSE as the shared yardstick; validation is 15/70 of the training windows (the default split).
"""
import sys, time, statistics
import numpy as np, torch, torch.nn as nn


def blas_in_use():
    torch.randn(64, 64) @ torch.randn(64, 64)
    return sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line and ".so" in line})


blas = blas_in_use()
if any("/blas/libblas" in lib for lib in blas):
    sys.exit("pytorch_production_epoch.py: PyTorch runs on the reference (netlib) BLAS here, several times slower "
             "than usual:\n  apt-get install -y libopenblas0-pthread   # then run again\nloaded: " + ", ".join(blas))
cell = sys.argv[1]
cfg = sys.argv[2] if len(sys.argv) > 2 else "small"
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
CLIP_NORM, DROPOUT = 1.0, 0.2
torch.set_num_threads(threads)
torch.manual_seed(42); np.random.seed(42)
N, F = 6000, 20
NVAL = N * 15 // 70
T = 60 if cfg == "big" else 30
B = 64 if cfg == "big" else 32
Rnn = nn.GRU if cell == "gru" else nn.LSTM
units = [128, 64, 32] if cfg == "big" else [32]
dropout = DROPOUT if cfg == "big" else 0.0


class Net(nn.Module):
    def __init__(s):
        super().__init__()
        sizes = [F] + units
        s.rnns = nn.ModuleList(Rnn(sizes[i], sizes[i + 1], batch_first=True) for i in range(len(units)))
        s.drop = nn.Dropout(dropout)
        s.dense = nn.Linear(units[-1], 16) if cfg == "big" else None
        s.out = nn.Linear(16 if cfg == "big" else units[-1], 1)

    def forward(s, x):
        for i, rnn in enumerate(s.rnns):
            x, _ = rnn(x)
            if i < len(s.rnns) - 1: x = s.drop(x)
        x = s.drop(x[:, -1, :])   # the last layer's final state, then its dropout layer, as ModelFactory places it
        if s.dense is not None: x = torch.relu(s.dense(x))
        return s.out(x)


m = Net()
if cell == "lstm":   # DL4J's LSTM has one bias vector: freeze b_hh, as the shared yardstick does
    for name, p in m.named_parameters():
        if "bias_hh" in name:
            with torch.no_grad(): p.zero_()
            p.requires_grad_(False)
layers = [mod for mod in list(m.rnns) + [m.dense, m.out] if mod is not None]
x = np.random.randn(N + NVAL, T, F).astype(np.float32)
y = (0.2 * x[:, -1, :5].sum(1, keepdims=True) + 0.05 * np.random.randn(N + NVAL, 1)).astype(np.float32)
X, Y = torch.from_numpy(x[:N]), torch.from_numpy(y[:N])
XV, YV = torch.from_numpy(x[N:]), torch.from_numpy(y[N:])
batches = [(X[s:s + B].contiguous(), Y[s:s + B].contiguous()) for s in range(0, N, B)]
opt = torch.optim.Adam([p for p in m.parameters() if p.requires_grad], lr=1e-3)
lossf = nn.MSELoss()
print(f"CFG {cell} {cfg} torch={torch.__version__} threads={torch.get_num_threads()} clip_norm={CLIP_NORM} "
      f"dropout={dropout} val={NVAL} T={T} B={B} blas={','.join(blas)}", flush=True)
times = []
for ep in range(epochs):
    t0 = time.perf_counter(); ls = 0.0
    m.train()
    for xb, yb in batches:
        opt.zero_grad(set_to_none=True)
        loss = lossf(m(xb), yb); loss.backward()
        for layer in layers:
            torch.nn.utils.clip_grad_norm_([p for p in layer.parameters() if p.requires_grad], CLIP_NORM)
        opt.step(); ls += loss.item()
    m.eval()
    with torch.no_grad():
        val = lossf(m(XV), YV).item()
    dt = time.perf_counter() - t0; times.append(dt)
    print(f"epoch {ep} time {dt:.2f}s meanLoss {ls / len(batches):.6f} valLoss {val:.6f}", flush=True)
post = times[1:] if len(times) > 1 else times
print(f"RESULT torch {cell} cfg={cfg} median_epoch_s(excl first)={statistics.median(post):.3f}")
