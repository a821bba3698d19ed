#include "festmatch/validator/schedule_validator-inl.hpp"
