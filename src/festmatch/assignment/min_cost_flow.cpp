#include "festmatch/assignment/min_cost_flow-inl.hpp"
