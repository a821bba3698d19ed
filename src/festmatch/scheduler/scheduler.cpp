#include "festmatch/scheduler/scheduler-inl.hpp"
