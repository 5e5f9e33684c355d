"""A torchtitan-sized job config in one module, written with class-level
defaults: 20 config classes, nested sections with their own defaults, a
subclass pinning an inherited field, a ``@pproperty`` building a sub-config.
pyright checks it from source (no stubs); each ``# E:`` line is a documented
limit, the rest must be clean."""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from pconfigs import Pinned, pconfig, pconfiged, pproperty


@pconfig
class Profiling:
    enable_profiling: bool = False
    save_traces_folder: str = "profile_traces"
    profile_freq: int = 10


@pconfig
class Metrics:
    log_freq: int = 10
    enable_tensorboard: bool = False
    save_tb_folder: str = "tb"


@pconfig
class Model:
    name: str = "llama3"
    flavor: str = "debugmodel"
    n_layers: int = 8
    dim: int = 256
    n_heads: int = 16
    head_dim: Pinned[int] = Pinned

    @pproperty
    def head_dim(self) -> int:
        return self.dim // self.n_heads


@pconfig
class LlamaModel(Model):
    """Pins a field its parent lets users set."""

    n_heads: Pinned[int] = Pinned

    @pproperty
    def n_heads(self) -> int:  # E: [reportIncompatibleVariableOverride] "n_heads" overrides symbol of same name in class "Model"
        return max(1, self.dim // 64)


@pconfig
class Optimizer:
    name: Literal["AdamW", "Adam"] = "AdamW"
    lr: float = 8e-4
    eps: float = 1e-8
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
    local_batch_size: int = 8
    seq_len: int = 2048
    max_norm: float = 1.0
    steps: int = 10_000
    tokens_per_step: Pinned[int] = Pinned

    @pproperty
    def tokens_per_step(self) -> int:
        return self.local_batch_size * self.seq_len


@pconfig
class Parallelism:
    data_parallel_replicate_degree: int = 1
    data_parallel_shard_degree: int = -1
    tensor_parallel_degree: int = 1
    pipeline_parallel_degree: int = 1
    context_parallel_degree: int = 1


@pconfig
class Checkpoint:
    enable: bool = False
    folder: str = "checkpoint"
    interval: int = 500
    keep_latest_k: int = 10


@pconfig
class ActivationCheckpoint:
    mode: Literal["selective", "full", "none"] = "selective"
    selective_ac_option: str = "2"


@pconfig
class Float8:
    enable_fsdp_float8_all_gather: bool = False
    recipe_name: str | None = None


@pconfig
class MX:
    mxfp8_dim1_cast_kernel_choice: Literal["triton", "cuda", "torch"] = "triton"
    filter_fqns: tuple[str, ...] = ("output",)


@pconfig
class Quantize:
    float8: Float8 = Float8()
    mx: MX = MX()


@pconfig
class Comm:
    init_timeout_seconds: int = 300
    train_timeout_seconds: int = 100
    trace_buf_size: int = 20000


@pconfig
class MemoryEstimation:
    enable: bool = False
    disable_fake_mode: bool = False


@pconfig
class Experimental:
    custom_import: str = ""
    custom_args_module: str = ""


@pconfig
class Validation:
    enable: bool = False
    dataset: str = "c4_validation"
    freq: int = 500
    steps: int = -1


@pconfig
class FaultTolerance:
    enable: bool = False
    replica_id: int = 0
    group_size: int = 0


@pconfig
class Compile:
    enable: bool = False
    components: tuple[Literal["model", "loss"], ...] = ("model", "loss")


@pconfig
class Job:
    dump_folder: str = "./outputs"
    description: str = "default job"
    profiling: Profiling = Profiling()
    metrics: Metrics = Metrics()
    model: Model = LlamaModel()
    optimizer: Optimizer = Optimizer()
    lr_scheduler: LRScheduler = LRScheduler()
    training: Training = Training()
    parallelism: Parallelism = Parallelism()
    checkpoint: Checkpoint = Checkpoint()
    activation_checkpoint: ActivationCheckpoint = ActivationCheckpoint()
    quantize: Quantize = Quantize()
    comm: Comm = Comm()
    memory_estimation: MemoryEstimation = MemoryEstimation()
    experimental: Experimental = Experimental()
    validation: Validation = Validation()
    fault_tolerance: FaultTolerance = FaultTolerance()
    compile: Compile = Compile()
    validation_model: Pinned[Model] = Pinned

    @pproperty
    def validation_model(self) -> Model:
        """A smaller copy of the model, built from its fields."""
        return Model(
            name=self.model.name, dim=self.model.dim, n_layers=1, n_heads=4
        )


# The defining module's own uses: every field optional, nested overrides.
job = Job()
debug = Job(
    description="debug",
    training=Training(steps=10, local_batch_size=2),
    parallelism=Parallelism(tensor_parallel_degree=2),
    quantize=Quantize(mx=MX(filter_fqns=("output", "router"))),
    model=LlamaModel(dim=512),
    validation_model=Pinned,
)
assert_type(job.training.tokens_per_step, int)
assert_type(job.validation_model, Model)
assert_type(debug.model.n_heads, int)
assert_type(LlamaModel().head_dim, int)

# Mistakes are still reported in the defining module.
Job(trainig=Training())  # E: [reportCallIssue] No parameter named "trainig"
Training(steps="10")  # E: [reportArgumentType] Argument of type "Literal['10']" cannot be assigned to parameter "steps" of type "int"
Model(head_dim=4)  # E: [reportArgumentType] Argument of type "Literal[4]" cannot be assigned to parameter "head_dim" of type "Pinned[Any] | Pin[int]"
LlamaModel(n_heads=2)  # E: [reportArgumentType] Argument of type "Literal[2]" cannot be assigned to parameter "n_heads" of type "Pinned[Any] | Pin[int]"
job.training = Training()  # E: [reportAttributeAccessIssue] Attribute "training" is read-only

# Documented limits of the defining module: a positional base, construct().
Job(job, description="again")  # E: [reportCallIssue] Expected 0 positional arguments


@pconfiged
class Trainer:
    config: TrainerJob


@pconfig(constructs=Trainer)
class TrainerJob:
    job: Job = Job()


TrainerJob().construct()  # E: [reportAttributeAccessIssue] Cannot access attribute "construct" for class "TrainerJob"
