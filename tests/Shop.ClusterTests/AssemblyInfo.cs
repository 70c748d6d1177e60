// Each test here runs several real processes; side by side on a small machine they would starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
