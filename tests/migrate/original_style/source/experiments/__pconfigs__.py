from pconfigs import TestSubdirs, TestManually

TestManually("first", "second")
