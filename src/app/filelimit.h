#pragma once

// Raises this process's soft limit on open files to its hard limit. Each client connection
// is a file; the usual soft limit of 1,024 would cap a class of test suites holding slow
// requests open well below what the server can hold. Qt polls its sockets (no select()), so
// descriptors above 1,024 are safe. Does nothing where the platform has no such limit.
void raiseOpenFileLimit();
