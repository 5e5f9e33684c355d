"""A torchtitan-sized job config in one module, written with class-level
defaults: nested sections with their own defaults, a subclass pinning an
inherited field, a @pproperty that builds a sub-config. Checked by
tests/mypy/test_tree_under_mypy.py: mypy + plugin report nothing on it."""

from __future__ import annotations

from typing import Literal

from pconfigs import Pinned, pconfig, pproperty


@pconfig
class Job:
    dump_folder: str = "./outputs"
    description: str = "default job"
    print_config: bool = False


@pconfig
class Profiling:
    enable_profiling: bool = False
    save_traces_folder: str = "profile_traces"
    profile_freq: int = 10
    enable_memory_snapshot: bool = False


@pconfig
class Metrics:
    log_freq: int = 10
    enable_tensorboard: bool = False
    save_tb_folder: str = "tb"
    enable_wandb: bool = False


@pconfig
class Model:
    name: str = "llama3"
    flavor: str = "debugmodel"
    norm_type: Literal["rmsnorm", "layernorm"] = "rmsnorm"
    tokenizer_path: str = "./tokenizer.model"
    converters: list[str] = []


@pconfig
class Optimizer:
    name: str = "AdamW"
    lr: float = 8e-4
    eps: float = 1e-8
    betas: tuple[float, float] = (0.9, 0.95)
    weight_decay: float = 0.1


@pconfig
class LRScheduler:
    warmup_steps: int = 200
    decay_ratio: float | None = None
    decay_type: Literal["linear", "sqrt", "cosine"] = "linear"
    lr_min: float = 0.0


@pconfig
class Training:
    dataset: str = "c4_test"
    dataset_path: str | None = None
    local_batch_size: int = 8
    seq_len: int = 2048
    max_norm: float = 1.0
    steps: int = 10000
    seed: int | None = None
    deterministic: bool = False
    tokens_per_step: Pinned[int] = Pinned

    @pproperty
    def tokens_per_step(self) -> int:
        return self.local_batch_size * self.seq_len


@pconfig
class ShortTraining(Training):
    """A smoke-test section: the number of steps is fixed by its size."""

    steps: Pinned[int] = Pinned

    @pproperty
    def steps(self) -> int:
        return 10 * self.local_batch_size


@pconfig
class Parallelism:
    data_parallel_replicate_degree: int = 1
    data_parallel_shard_degree: int = -1
    tensor_parallel_degree: int = 1
    pipeline_parallel_degree: int = 1
    context_parallel_degree: int = 1
    enable_async_tensor_parallel: bool = False


@pconfig
class Checkpoint:
    enable_checkpoint: bool = False
    folder: str = "checkpoint"
    interval: int = 500
    keep_latest_k: int = 10
    async_mode: Literal["disabled", "async", "async_with_pinned_mem"] = "disabled"


@pconfig
class ActivationCheckpoint:
    mode: Literal["selective", "full", "none"] = "selective"
    selective_ac_option: str = "2"


@pconfig
class Float8:
    enable_fsdp_float8_all_gather: bool = False
    precompute_float8_dynamic_scale_for_fsdp: bool = False
    recipe_name: str | None = None


@pconfig
class Compile:
    enable: bool = False
    components: list[str] = ["model", "loss"]


@pconfig
class Comm:
    init_timeout_seconds: int = 300
    train_timeout_seconds: int = 100
    trace_buf_size: int = 20000


@pconfig
class MemoryEstimation:
    enabled: bool = False
    disable_fake_mode: bool = False


@pconfig
class FaultTolerance:
    enable: bool = False
    replica_id: int = 0
    group_size: int = 0


@pconfig
class Experimental:
    custom_import: str = ""
    custom_args_module: str = ""


@pconfig
class Validation:
    enabled: bool = False
    dataset: str = "c4_validation"
    freq: int = 10
    steps: int = -1


@pconfig
class JobConfig:
    job: Job = Job()
    profiling: Profiling = Profiling()
    metrics: Metrics = Metrics()
    model: Model = Model()
    optimizer: Optimizer = Optimizer()
    training: Training = Training()
    parallelism: Parallelism = Parallelism()
    checkpoint: Checkpoint = Checkpoint()
    activation_checkpoint: ActivationCheckpoint = ActivationCheckpoint()
    float8: Float8 = Float8()
    compile: Compile = Compile()
    comm: Comm = Comm()
    memory_estimation: MemoryEstimation = MemoryEstimation()
    fault_tolerance: FaultTolerance = FaultTolerance()
    experimental: Experimental = Experimental()
    validation: Validation = Validation()
    lr_scheduler: Pinned[LRScheduler] = Pinned

    @pproperty
    def lr_scheduler(self) -> LRScheduler:
        return LRScheduler(warmup_steps=self.training.steps // 50)


debug = JobConfig(
    job=Job(description="debug"),
    training=ShortTraining(local_batch_size=2, seq_len=256),
    parallelism=Parallelism(data_parallel_shard_degree=1),
)
long_run = JobConfig(debug, training=Training(steps=100_000))
warmup: int = long_run.lr_scheduler.warmup_steps
tokens: int = debug.training.tokens_per_step
derived = debug.__replace__(compile=Compile(enable=True))
