#include "festmatch/assignment/linear_assignment-inl.hpp"
