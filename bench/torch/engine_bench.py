"""PyTorch CPU reference for `npm run bench:engine` (bench/engine/engine-bench.ts runs it).

The same four workloads as the tfjs side, same shapes and maths:
  1. LSTM(256) layer forward+backward, batch 64, 32 steps, 90 inputs
  2. 2-bar melody VAE training step: BiLSTM(256) encoder -> z(128) -> LSTM(256) decoder, Adam
  3. sampling 8 sequences of 32 steps from that decoder (latency)
  4. NeuMF (GMF 8 + MLP 64-32-16-8) epoch on 100k interactions with 4 negatives each

Prints one JSON object on stdout: milliseconds per iteration (median) for each workload.
Usage: python3 engine_bench.py --threads N [--quick]
Needs Debian's python3-torch and libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread).
Set OPENBLAS_NUM_THREADS to the same N (the caller does) so BLAS does not oversubscribe the cores.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

B, T, V, H, Z = 64, 32, 90, 256, 128


def median_ms(fn, warmup, iters):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def lstm_layer(iters):
    layer = nn.LSTM(V, H)
    x = torch.randn(T, B, V)
    w = torch.randn(T, B, H)

    def step():
        layer.zero_grad(set_to_none=True)
        out, _ = layer(x)
        (out * w).sum().backward()

    return median_ms(step, 2, iters)


class MelodyVae(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(V, H, bidirectional=True)
        self.mu = nn.Linear(2 * H, Z)
        self.sigma = nn.Linear(2 * H, Z)
        self.init_state = nn.Linear(Z, 2 * H)
        self.decoder = nn.LSTM(V + Z, H)
        self.cell = nn.LSTMCell(V + Z, H)
        self.output = nn.Linear(H, V)

    def loss(self, tokens):
        x = F.one_hot(tokens, V).float()  # [T, B, V]
        _, (h_n, _) = self.encoder(x)
        final = torch.cat([h_n[0], h_n[1]], dim=1)
        mu = self.mu(final)
        sigma = F.softplus(self.sigma(final))
        z = mu + sigma * torch.randn_like(mu)
        kl = (-torch.log(sigma) + (sigma ** 2 + mu ** 2 - 1) / 2).sum(dim=1).mean()
        h0, c0 = torch.tanh(self.init_state(z)).chunk(2, dim=1)
        previous = torch.cat([torch.zeros(1, B, V), x[:-1]], dim=0)
        inputs = torch.cat([previous, z.unsqueeze(0).expand(T, -1, -1)], dim=2)
        out, _ = self.decoder(inputs, (h0.unsqueeze(0).contiguous(), c0.unsqueeze(0).contiguous()))
        logits = self.output(out)
        recon = F.cross_entropy(logits.reshape(T * B, V), tokens.reshape(T * B)) * T
        return recon + kl

    @torch.no_grad()
    def sample(self, n, steps):
        self.cell.weight_ih, self.cell.weight_hh = self.decoder.weight_ih_l0, self.decoder.weight_hh_l0
        self.cell.bias_ih, self.cell.bias_hh = self.decoder.bias_ih_l0, self.decoder.bias_hh_l0
        z = torch.randn(n, Z)
        h, c = torch.tanh(self.init_state(z)).chunk(2, dim=1)
        previous = torch.zeros(n, V)
        tokens = []
        for _ in range(steps):
            h, c = self.cell(torch.cat([previous, z], dim=1), (h, c))
            token = torch.multinomial(F.softmax(self.output(h), dim=1), 1).squeeze(1)
            tokens.append(token)
            previous = F.one_hot(token, V).float()
        return torch.stack(tokens, dim=1)


def vae(iters, sample_iters):
    model = MelodyVae()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    tokens = torch.randint(0, V, (T, B))

    def step():
        optimizer.zero_grad(set_to_none=True)
        model.loss(tokens).backward()
        optimizer.step()

    train_ms = median_ms(step, 2, iters)
    sample_ms = median_ms(lambda: model.sample(8, T), 3, sample_iters)
    return train_ms, sample_ms


USERS, ITEMS, INTERACTIONS, NEGATIVES, NCF_BATCH = 943, 1682, 100_000, 4, 256


class NeuMf(nn.Module):
    def __init__(self):
        super().__init__()
        self.gmf_user, self.gmf_item = nn.Embedding(USERS, 8), nn.Embedding(ITEMS, 8)
        self.mlp_user, self.mlp_item = nn.Embedding(USERS, 32), nn.Embedding(ITEMS, 32)
        self.mlp = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU())
        self.predict = nn.Linear(16, 1)

    def forward(self, users, items):
        gmf = self.gmf_user(users) * self.gmf_item(items)
        mlp = self.mlp(torch.cat([self.mlp_user(users), self.mlp_item(items)], dim=1))
        return self.predict(torch.cat([gmf, mlp], dim=1)).squeeze(1)


def neumf(measured_steps):
    """Times `measured_steps` steps after warm-up; the epoch figure scales them to a full epoch."""
    g = torch.Generator().manual_seed(1)
    examples = INTERACTIONS * (1 + NEGATIVES)
    users = torch.randint(0, USERS, (examples,), generator=g)
    items = torch.randint(0, ITEMS, (examples,), generator=g)
    labels = (torch.arange(examples) % (1 + NEGATIVES) == 0).float()
    order = torch.randperm(examples, generator=g)
    model = NeuMf()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    steps_per_epoch = -(-examples // NCF_BATCH)

    def run(first, count):
        for s in range(first, first + count):
            idx = order[s * NCF_BATCH:(s + 1) * NCF_BATCH]
            optimizer.zero_grad(set_to_none=True)
            F.binary_cross_entropy_with_logits(model(users[idx], items[idx]), labels[idx]).backward()
            optimizer.step()

    run(0, 20)
    start = time.perf_counter()
    run(20, measured_steps)
    step_ms = (time.perf_counter() - start) * 1000 / measured_steps
    return step_ms * steps_per_epoch, step_ms, steps_per_epoch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--quick', action='store_true')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    quick = args.quick
    lstm_ms = lstm_layer(3 if quick else 10)
    vae_ms, sample_ms = vae(2 if quick else 5, 5 if quick else 20)
    epoch_ms, ncf_step_ms, steps_per_epoch = neumf(100 if quick else 400)
    print(json.dumps({
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'lstmLayerMs': lstm_ms,
        'vaeStepMs': vae_ms,
        'sampleMs': sample_ms,
        'neumfEpochMs': epoch_ms,
        'neumfStepMs': ncf_step_ms,
        'neumfStepsPerEpoch': steps_per_epoch,
    }))


if __name__ == '__main__':
    main()
