"""PyTorch CPU mirror of Montage's MusicVAE (src/workers/models/music-vae.ts) for `npm run bench:music`.

bench/music/music-vae-bench.ts runs this once per named config and thread count, passing the
config's exact shapes as JSON (--spec), so both sides always train the same architecture:
  encoder   bidirectional LSTM(encoderUnits) over the one-hot (melody) or 9-bit multi-hot (drums)
            inputs; final forward and backward states -> mu (linear), sigma (softplus) -> z
  decoder   flat configs: h0, c0 = tanh(linear(z)); LSTM(decoderUnits) fed [previous token, z]
            conductor configs (segments > 1): a conductor LSTM(conductorUnits) started from
            tanh(linear(z)) and fed z for each bar gives one embedding per bar; each bar is then
            decoded as its own sequence by the bottom LSTM, started from tanh(linear(embedding))
            and fed [previous token, embedding]
  output    linear(decoderUnits -> vocabulary), softmax cross-entropy summed over steps (mean over
            the batch) + beta * mean(relu(KL - freeBits * ln 2)), beta and the scheduled-sampling
            probability from the engine's schedules at the same step numbers
  step      the engine's two-pass scheduled sampling (a teacher-forced no-grad pass draws tokens,
            a share p of the inputs is replaced, the loss is taken on a second pass), the
            teacher-forced accuracy figure, global-norm clipping, loss/norm read back, Adam.
The engine's LSTM has one bias per gate and adds the per-sequence context (z or the bar
embedding) through its own kernel; here nn.LSTM's second bias (bias_hh) is zeroed and frozen and
the context is concatenated to the input (same weights, MusicVAE's formulation), so the trainable
parameter counts are equal -- the JSON reports this side's count for the caller to compare.

Also times sampling: `samples` sequences of `sampleSteps` tokens drawn token by token (the
engine's MusicVae.decode: the conductor steps once per bar), median ms after warm-up.

Prints one JSON object on stdout. Usage (the caller passes the spec):
  python3 music_vae_bench.py --threads N [--quick] --spec '{"name": "melody-2bar", ...}'
Needs Debian's python3-torch and libopenblas0-pthread (apt-get install python3-torch libopenblas0-pthread).
Set OPENBLAS_NUM_THREADS/OMP_NUM_THREADS to N and OMP_WAIT_POLICY=PASSIVE (the caller does).
"""
import argparse
import json
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# The named configs as of this writing, for running this file by hand; the caller always passes --spec.
DEFAULT_SPEC = {
    'name': 'melody-2bar', 'representation': 'melody', 'steps': 32, 'segments': 1, 'vocabulary': 38,
    'inputWidth': 38, 'encoderUnits': 128, 'decoderUnits': 256, 'conductorUnits': 0, 'latentSize': 64,
    'learningRate': 1e-3, 'clipNorm': 1, 'maxBeta': 0.5, 'betaWarmupSteps': 2000, 'freeBits': 0,
    'samplingRate': 400, 'batch': 64, 'samples': 8, 'sampleSteps': 32,
}


def beta_at(spec, step):
    w = spec['betaWarmupSteps']
    return spec['maxBeta'] * min(1.0, step / w) if w > 0 else spec['maxBeta']


def sampling_probability_at(spec, step):
    k = spec['samplingRate']
    if not k > 0:
        return 0.0
    try:
        return 1 - k / (k + math.exp(step / k))
    except OverflowError:
        return 1.0


def frozen_second_bias(lstm):
    """nn.LSTM has bias_ih and bias_hh; the engine one bias per gate. Zero and freeze bias_hh."""
    for name, p in lstm.named_parameters():
        if name.startswith('bias_hh'):
            with torch.no_grad():
                p.zero_()
            p.requires_grad_(False)
    return lstm


class MusicVae(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        w, v = spec['inputWidth'], spec['vocabulary']
        e, d, z = spec['encoderUnits'], spec['decoderUnits'], spec['latentSize']
        self.segments = spec['segments']
        cu = spec['conductorUnits']
        embedding = cu if self.segments > 1 else z
        self.encoder = frozen_second_bias(nn.LSTM(w, e, bidirectional=True))
        self.mu = nn.Linear(2 * e, z)
        self.sigma = nn.Linear(2 * e, z)
        if self.segments > 1:
            self.conductor_initial_state = nn.Linear(z, 2 * cu)
            self.conductor = frozen_second_bias(nn.LSTM(z, cu))
        self.initial_state = nn.Linear(embedding, 2 * d)
        self.decoder = frozen_second_bias(nn.LSTM(w + embedding, d))
        self.output = nn.Linear(d, v)
        table = torch.zeros(v, w)
        for t in range(v):
            if spec['representation'] == 'drums':
                for bit in range(w):
                    table[t, bit] = (t >> bit) & 1
            else:
                table[t, t] = 1
        self.register_buffer('table', table)

    def trainable_parameters(self):
        return [p for p in self.parameters() if p.requires_grad]

    def features(self, tokens):
        """tokens [T, B] (-1 = start token) -> [T, B, inputWidth]."""
        x = self.table[tokens.clamp(min=0)]
        return x * (tokens >= 0).unsqueeze(-1).float()

    def encode(self, tokens_tb):
        _, (h_n, _) = self.encoder(self.features(tokens_tb))
        final = torch.cat([h_n[0], h_n[1]], dim=1)
        return self.mu(final), F.softplus(self.sigma(final))

    def embeddings(self, z):
        """Flat: z [B, Z]. Conductor: one embedding per bar, bar-major [G*B, conductorUnits]."""
        if self.segments == 1:
            return z
        h0, c0 = torch.tanh(self.conductor_initial_state(z)).chunk(2, dim=1)
        out, _ = self.conductor(z.unsqueeze(0).expand(self.segments, -1, -1), (h0.unsqueeze(0).contiguous(), c0.unsqueeze(0).contiguous()))
        return out.reshape(-1, out.shape[-1])

    def to_segments(self, x):
        """[T, B, ...] time-major -> [L, G*B, ...]: every bar its own sequence (bar-major batch)."""
        g = self.segments
        if g == 1:
            return x
        t, b = x.shape[0], x.shape[1]
        return x.reshape(g, t // g, b, *x.shape[2:]).transpose(0, 1).reshape(t // g, g * b, *x.shape[2:])

    def decoder_logits(self, previous_tb, z):
        embedding = self.embeddings(z)
        h0, c0 = torch.tanh(self.initial_state(embedding)).chunk(2, dim=1)
        previous = self.to_segments(self.features(previous_tb))
        inputs = torch.cat([previous, embedding.unsqueeze(0).expand(previous.shape[0], -1, -1)], dim=2)
        out, _ = self.decoder(inputs, (h0.unsqueeze(0).contiguous(), c0.unsqueeze(0).contiguous()))
        return self.output(out)  # [L, G*B, V]

    def loss(self, tokens_tb, step):
        spec = self.spec
        steps = tokens_tb.shape[0]
        beta = beta_at(spec, step)
        p = sampling_probability_at(spec, step)
        mu, sigma = self.encode(tokens_tb)
        z = mu + sigma * torch.randn_like(mu)
        start = torch.full_like(tokens_tb[:1], -1)
        previous = torch.cat([start, tokens_tb[:-1]], dim=0)
        if p > 0:
            chosen = torch.rand(previous.shape) < p
            chosen[0] = False
            if bool(chosen.any()):
                with torch.no_grad():
                    logits = self.decoder_logits(previous, z)
                    draws = torch.multinomial(F.softmax(logits.reshape(-1, logits.shape[-1]), dim=1), 1).reshape(logits.shape[:2])
                    # back to time-major [T, B] (the inverse of to_segments)
                    g = self.segments
                    b = tokens_tb.shape[1]
                    draws = draws.reshape(steps // g, g, b).transpose(0, 1).reshape(steps, b) if g > 1 else draws
                    drawn_previous = torch.cat([start, draws[:-1]], dim=0)
                previous = torch.where(chosen, drawn_previous, previous)
        logits = self.decoder_logits(previous, z)
        flat = logits.reshape(-1, logits.shape[-1])
        targets = self.to_segments(tokens_tb).reshape(-1)
        reconstruction = F.cross_entropy(flat, targets) * steps
        kl = (-torch.log(sigma) + (sigma ** 2 + mu ** 2 - 1) / 2).sum(dim=1)
        kl_cost = F.relu(kl - spec['freeBits'] * math.log(2)).mean()
        loss = reconstruction + beta * kl_cost if beta > 0 else reconstruction
        with torch.no_grad():
            figures = torch.stack([reconstruction.detach(), kl.mean().detach(), (flat.argmax(dim=1) == targets).float().mean()])
        return loss, figures

    @torch.no_grad()
    def sample(self, n, steps):
        z = torch.randn(n, self.spec['latentSize'])
        length = steps if self.segments == 1 else self.spec['steps'] // self.segments
        if steps % length:
            raise ValueError(f'draws whole bars of {length} steps; {steps} is not a multiple')
        previous = torch.zeros(1, n, self.table.shape[1])
        conductor_state = None
        if self.segments > 1:
            h, c = torch.tanh(self.conductor_initial_state(z)).chunk(2, dim=1)
            conductor_state = (h.unsqueeze(0).contiguous(), c.unsqueeze(0).contiguous())
        drawn = []
        for _ in range(steps // length):
            embedding = z
            if conductor_state is not None:
                out, conductor_state = self.conductor(z.unsqueeze(0), conductor_state)
                embedding = out[0]
            h, c = torch.tanh(self.initial_state(embedding)).chunk(2, dim=1)
            state = (h.unsqueeze(0).contiguous(), c.unsqueeze(0).contiguous())
            for _ in range(length):
                out, state = self.decoder(torch.cat([previous, embedding.unsqueeze(0)], dim=2), state)
                token = torch.multinomial(F.softmax(self.output(out[0]), dim=1), 1).squeeze(1)
                drawn.append(token)
                previous = self.table[token].unsqueeze(0)
        return torch.stack(drawn, dim=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--quick', action='store_true')
    parser.add_argument('--spec', type=str, default=None, help='the config as JSON (bench/music/music-vae-bench.ts passes it)')
    args = parser.parse_args()
    spec = {**DEFAULT_SPEC, **(json.loads(args.spec) if args.spec else {})}
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    quick = args.quick
    warmup, windows, per_window = (2, 3, 2) if quick else (3, 5, 4)
    sample_iters = 5 if quick else 20

    model = MusicVae(spec)
    params = model.trainable_parameters()
    optimizer = torch.optim.Adam(params, lr=spec['learningRate'])
    b, t, v = spec['batch'], spec['steps'], spec['vocabulary']
    g = torch.Generator().manual_seed(1)
    batches = [torch.randint(0, v, (t, b), generator=g) for _ in range(4)]
    step = 0

    def train_step():
        nonlocal step
        optimizer.zero_grad(set_to_none=True)
        loss, figures = model.loss(batches[step % len(batches)], step)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, spec['clipNorm']) if spec.get('clipNorm') else torch.tensor(0.0)
        loss_value, norm_value = torch.stack([loss.detach(), norm]).tolist()
        if not (math.isfinite(loss_value) and math.isfinite(norm_value)):
            raise RuntimeError(f'diverged at step {step}')
        optimizer.step()
        figures.tolist()  # the progress line reads the step's figures
        step += 1

    for _ in range(warmup):
        train_step()
    rates = []
    for _ in range(windows):
        start = time.perf_counter()
        for _ in range(per_window):
            train_step()
        rates.append(per_window * b / (time.perf_counter() - start))

    model.eval()
    n, sample_steps = spec['samples'], spec['sampleSteps']
    for _ in range(3):
        model.sample(n, sample_steps)
    times = []
    for _ in range(sample_iters):
        start = time.perf_counter()
        model.sample(n, sample_steps)
        times.append((time.perf_counter() - start) * 1000)

    print(json.dumps({
        'torch': torch.__version__,
        'threads': torch.get_num_threads(),
        'config': spec['name'],
        'parameters': sum(p.numel() for p in params),
        'sequencesPerSec': statistics.median(rates),
        'windows': rates,
        'stepsTimed': windows * per_window,
        'sampleMs': statistics.median(times),
        'sampleIterations': sample_iters,
        'peakRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == '__main__':
    main()
