#include "festmatch/scheduler/departed-inl.hpp"
