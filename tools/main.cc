// The `xlsaot` executable: the command line of tools/cli.h, nothing more.
#include "tools/cli.h"

int main(int argc, char** argv) { return xlsaot::RunCli(argc, argv); }
