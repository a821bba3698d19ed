#include "festmatch/assignment/b_matching-inl.hpp"
