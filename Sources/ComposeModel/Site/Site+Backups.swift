extension Site {
    /// The volumes the scheduled backup takes, in file order: those the stack makes (an existing
    /// file system is someone else's), narrowed to `x-berth.backup.volumes` when it names any;
    /// none with `backup: off`.
    package var backedUpVolumes: [NamedVolume] {
        let settings = berth.backup ?? .defaults
        guard settings.enabled else { return [] }
        return volumes.filter { !$0.external && (settings.volumes.isEmpty || settings.volumes.contains($0.name)) }
    }
}
