// The training engine's public surface: the blocks every Montage model is built from and the
// training utilities every model trains with. Models import from here (or the files directly).
export { biasActivation, reluGrad, sigmoidCrossEntropy } from './kernels/fused-kernels';
export { gatherRows, scatterAddRows, segmentSumRows, type RowGradient } from './kernels/gather-kernels';
export { concatColumns, sliceRows, splitColumns } from './kernels/row-kernels';
export { activate, fastTanh, type ActivationName } from './layers/activations';
export { CausalConv1d, causalConv1d, type CausalConv1dSpec, type CausalConvOptions } from './layers/causal-conv1d';
export { Dense, type DenseSpec } from './layers/dense';
export { captureRowGradients, Embedding, embeddingLookup, type EmbeddingSpec } from './layers/embedding';
export { Gru, type GruApplyOptions, type GruSpec } from './layers/gru';
export { gruSequence, type GruSequenceOptions } from './layers/gru-sequence';
export { collectVariables, countParameters, disposeVariables, type Layer, type NamedVariables } from './layers/layer';
export { LayerNorm, layerNorm } from './layers/layer-norm';
export { Lstm, type LstmApplyOptions, type LstmSpec, type LstmState } from './layers/lstm';
export { lstmSequence, type LstmSequenceOptions } from './layers/lstm-sequence';
export { affine, columnSums, fusedAffine, matMul } from './layers/mat-mul';
export { causalSelfAttention, SelfAttention, type SelfAttentionSpec } from './layers/self-attention';
export { batchMajorToTimeMajor, timeMajorToBatchMajor, tokensToTimeMajor } from './layers/sequence-layout';
export { Adam, type AdamOptions } from './training/adam';
export { readCheckpoint, writeCheckpoint, type CheckpointContents } from './training/checkpoint';
export { EarlyStopping, type EarlyStoppingOptions, type EarlyStoppingState } from './training/early-stopping';
export { constantRate, stepDecay, warmupCosine, type LearningRateSchedule } from './training/lr-schedule';
export { formatDuration, ProgressReporter, sequencesAndEtaText, type ProgressSnapshot, type ProgressText } from './training/progress-reporter';
export { quietRunContext, TrainingCancelledError, TrainingFailedError, yieldForCancel, type RunContext, type RunProgress } from './training/run-context';
export { createSeededBatches, type SeededBatches } from './training/seeded-batches';
export { Trainer, TrainingDivergedError, type StepResult, type TrainableModel } from './training/trainer';
export { restoreModel, runTraining, type TrainingOutcome, type TrainingRunOptions } from './training/training-loop';
