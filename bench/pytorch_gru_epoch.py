"""PyTorch yardstick for the GRU cell: ../shared/bench/pytorch_epoch.py's two models with nn.GRU for nn.LSTM.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_gru_epoch.py [small|big] [epochs=3] [threads=1]
Same data shape, batches, Adam and MSE as the LSTM yardstick; prints "epoch N time S" lines and a RESULT line.
PyTorch's GRU has two bias vectors (b_ih, b_hh: 3n each); lstm-tuner's FastGru has b (3n) and b_hn (n), the same
maths (b_hr and b_hz only appear summed with b_ir and b_iz), so PyTorch trains 2n more numbers per layer.
"""
import sys, time, resource, statistics
import numpy as np, torch, torch.nn as nn


def blas_in_use():
    torch.randn(64, 64) @ torch.randn(64, 64)
    return sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line and ".so" in line})


blas = blas_in_use()
if any("/blas/libblas" in lib for lib in blas):
    sys.exit("pytorch_gru_epoch.py: PyTorch runs on the reference (netlib) BLAS here, several times slower than usual:\n"
             "  apt-get install -y libopenblas0-pthread   # then run again\nloaded: " + ", ".join(blas))
cfg = sys.argv[1] if len(sys.argv) > 1 else "small"
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
torch.set_num_threads(threads)
torch.manual_seed(42); np.random.seed(42)
N, F = 6000, 20
T = 60 if cfg == "big" else 30
B = 64 if cfg == "big" else 32


class Big(nn.Module):
    def __init__(s):
        super().__init__()
        s.l1 = nn.GRU(F, 128, batch_first=True); s.d1 = nn.Dropout(0.2)
        s.l2 = nn.GRU(128, 64, batch_first=True); s.d2 = nn.Dropout(0.2)
        s.l3 = nn.GRU(64, 32, batch_first=True)
        s.f1 = nn.Linear(32, 16); s.f2 = nn.Linear(16, 1)

    def forward(s, x):
        x, _ = s.l1(x); x = s.d1(x)
        x, _ = s.l2(x); x = s.d2(x)
        x, _ = s.l3(x)
        return s.f2(torch.relu(s.f1(x[:, -1, :])))


class Small(nn.Module):
    def __init__(s):
        super().__init__()
        s.l1 = nn.GRU(F, 32, batch_first=True); s.f = nn.Linear(32, 1)

    def forward(s, x):
        x, _ = s.l1(x); return s.f(x[:, -1, :])


m = Big() if cfg == "big" else Small()
ntrain = sum(p.numel() for p in m.parameters() if p.requires_grad)
x = np.random.randn(N, T, F).astype(np.float32)
y = (0.2 * x[:, -1, :5].sum(1, keepdims=True) + 0.05 * np.random.randn(N, 1)).astype(np.float32)
X, Y = torch.from_numpy(x), torch.from_numpy(y)
batches = [(X[s:s + B].contiguous(), Y[s:s + B].contiguous()) for s in range(0, N, B)]
opt = torch.optim.Adam(m.parameters(), lr=1e-3)
lossf = nn.MSELoss()
print(f"CFG gru {cfg} torch={torch.__version__} blas={','.join(blas)} threads={torch.get_num_threads()} "
      f"trainable_params={ntrain} batches/epoch={len(batches)} T={T} B={B}", flush=True)
times = []
m.train()
for ep in range(epochs):
    t0 = time.perf_counter(); ls = 0.0
    for xb, yb in batches:
        opt.zero_grad(set_to_none=True)
        loss = lossf(m(xb), yb); loss.backward(); opt.step(); ls += loss.item()
    dt = time.perf_counter() - t0; times.append(dt)
    print(f"epoch {ep} time {dt:.2f}s meanLoss {ls / len(batches):.6f} "
          f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}MB", flush=True)
post = times[1:] if len(times) > 1 else times
print(f"RESULT torch gru cfg={cfg} median_epoch_s(excl first)={statistics.median(post):.3f}")
