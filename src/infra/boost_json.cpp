// Debian ships Boost.JSON headers only; this one translation unit compiles its implementation.
#include <boost/json/src.hpp>
