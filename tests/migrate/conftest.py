# original_style/ is a project written for the original design: data for the
# migrate tests and the docs, not experiments for pconfigs' pytest plugin.
collect_ignore = ["original_style"]
