from job_config import JobConfig, ShortTraining, Training

JobConfig(training=ShortTraining(steps=5))
JobConfig(training=Training(stepz=5))
JobConfig(lr_scheduler=None)
JobConfig(training=Training(seq_len="long"))
JobConfig().training.steps = 3
