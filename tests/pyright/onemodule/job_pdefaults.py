"""The tree of job_defaults.py written with ``pdefaults`` instead of
class-level defaults. pyright checks it from source: without class-level
values it takes every field as a required argument, so each call in this
module that leaves a field out is reported (the test counts those lines),
and on such a call the value mistakes are not reported at all."""
from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from pconfigs import Pinned, pconfig, pdefaults, pproperty


@pconfig
class Profiling:
    enable_profiling: bool
    save_traces_folder: str
    profile_freq: int


pdefaults += Profiling(
    enable_profiling=False, save_traces_folder="profile_traces", profile_freq=10
)


@pconfig
class Metrics:
    log_freq: int
    enable_tensorboard: bool
    save_tb_folder: str


pdefaults += Metrics(log_freq=10, enable_tensorboard=False, save_tb_folder="tb")


@pconfig
class Model:
    name: str
    flavor: str
    n_layers: int
    dim: int
    n_heads: int
    head_dim: Pinned[int]

    @pproperty
    def head_dim(self) -> int:
        return self.dim // self.n_heads


pdefaults += Model(
    name="llama3", flavor="debugmodel", n_layers=8, dim=256, n_heads=16, head_dim=Pinned
)


@pconfig
class LlamaModel(Model):
    """Pins a field its parent lets users set."""

    n_heads: Pinned[int]

    @pproperty
    def n_heads(self) -> int:  # E: [reportIncompatibleVariableOverride] "n_heads" overrides symbol of same name in class "Model"
        return max(1, self.dim // 64)


pdefaults += LlamaModel(n_heads=Pinned)


@pconfig
class Optimizer:
    name: Literal["AdamW", "Adam"]
    lr: float
    eps: float
    weight_decay: float


pdefaults += Optimizer(name="AdamW", lr=8e-4, eps=1e-8, weight_decay=0.1)


@pconfig
class LRScheduler:
    warmup_steps: int
    decay_ratio: float | None
    decay_type: Literal["linear", "sqrt", "cosine"]
    lr_min: float


pdefaults += LRScheduler(
    warmup_steps=200, decay_ratio=None, decay_type="linear", lr_min=0.0
)


@pconfig
class Training:
    dataset: str
    local_batch_size: int
    seq_len: int
    max_norm: float
    steps: int
    tokens_per_step: Pinned[int]

    @pproperty
    def tokens_per_step(self) -> int:
        return self.local_batch_size * self.seq_len


pdefaults += Training(
    dataset="c4_test",
    local_batch_size=8,
    seq_len=2048,
    max_norm=1.0,
    steps=10_000,
    tokens_per_step=Pinned,
)


@pconfig
class Parallelism:
    data_parallel_replicate_degree: int
    data_parallel_shard_degree: int
    tensor_parallel_degree: int
    pipeline_parallel_degree: int
    context_parallel_degree: int


pdefaults += Parallelism(
    data_parallel_replicate_degree=1,
    data_parallel_shard_degree=-1,
    tensor_parallel_degree=1,
    pipeline_parallel_degree=1,
    context_parallel_degree=1,
)


@pconfig
class Checkpoint:
    enable: bool
    folder: str
    interval: int
    keep_latest_k: int


pdefaults += Checkpoint(
    enable=False, folder="checkpoint", interval=500, keep_latest_k=10
)


@pconfig
class ActivationCheckpoint:
    mode: Literal["selective", "full", "none"]
    selective_ac_option: str


pdefaults += ActivationCheckpoint(mode="selective", selective_ac_option="2")


@pconfig
class Float8:
    enable_fsdp_float8_all_gather: bool
    recipe_name: str | None


pdefaults += Float8(enable_fsdp_float8_all_gather=False, recipe_name=None)


@pconfig
class MX:
    mxfp8_dim1_cast_kernel_choice: Literal["triton", "cuda", "torch"]
    filter_fqns: tuple[str, ...]


pdefaults += MX(mxfp8_dim1_cast_kernel_choice="triton", filter_fqns=("output",))


@pconfig
class Quantize:
    float8: Float8
    mx: MX


pdefaults += Quantize(float8=Float8(), mx=MX())


@pconfig
class Comm:
    init_timeout_seconds: int
    train_timeout_seconds: int
    trace_buf_size: int


pdefaults += Comm(
    init_timeout_seconds=300, train_timeout_seconds=100, trace_buf_size=20000
)


@pconfig
class MemoryEstimation:
    enable: bool
    disable_fake_mode: bool


pdefaults += MemoryEstimation(enable=False, disable_fake_mode=False)


@pconfig
class Experimental:
    custom_import: str
    custom_args_module: str


pdefaults += Experimental(custom_import="", custom_args_module="")


@pconfig
class Validation:
    enable: bool
    dataset: str
    freq: int
    steps: int


pdefaults += Validation(enable=False, dataset="c4_validation", freq=500, steps=-1)


@pconfig
class FaultTolerance:
    enable: bool
    replica_id: int
    group_size: int


pdefaults += FaultTolerance(enable=False, replica_id=0, group_size=0)


@pconfig
class Compile:
    enable: bool
    components: tuple[Literal["model", "loss"], ...]


pdefaults += Compile(enable=False, components=("model", "loss"))


@pconfig
class Job:
    dump_folder: str
    description: str
    profiling: Profiling
    metrics: Metrics
    model: Model
    optimizer: Optimizer
    lr_scheduler: LRScheduler
    training: Training
    parallelism: Parallelism
    checkpoint: Checkpoint
    activation_checkpoint: ActivationCheckpoint
    quantize: Quantize
    comm: Comm
    memory_estimation: MemoryEstimation
    experimental: Experimental
    validation: Validation
    fault_tolerance: FaultTolerance
    compile: Compile
    validation_model: Pinned[Model]

    @pproperty
    def validation_model(self) -> Model:
        """A smaller copy of the model, built from its fields."""
        return Model(name=self.model.name, dim=self.model.dim, n_layers=1, n_heads=4)


pdefaults += Job(
    dump_folder="./outputs",
    description="default job",
    profiling=Profiling(),
    metrics=Metrics(),
    model=LlamaModel(),
    optimizer=Optimizer(),
    lr_scheduler=LRScheduler(),
    training=Training(),
    parallelism=Parallelism(),
    checkpoint=Checkpoint(),
    activation_checkpoint=ActivationCheckpoint(),
    quantize=Quantize(),
    comm=Comm(),
    memory_estimation=MemoryEstimation(),
    experimental=Experimental(),
    validation=Validation(),
    fault_tolerance=FaultTolerance(),
    compile=Compile(),
    validation_model=Pinned,
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
Training(steps="10")  # hidden by the missing-arguments error: [reportArgumentType] Argument of type "Literal['10']" cannot be assigned to parameter "steps" of type "int"
Model(head_dim=4)  # hidden: [reportArgumentType] Argument of type "Literal[4]" cannot be assigned to parameter "head_dim" of type "Pinned[Any] | Pin[int]"
LlamaModel(n_heads=2)  # hidden: [reportArgumentType] Argument of type "Literal[2]" cannot be assigned to parameter "n_heads" of type "Pinned[Any] | Pin[int]"
job.training = Training()  # E: [reportAttributeAccessIssue] Attribute "training" is read-only
