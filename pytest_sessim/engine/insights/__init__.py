"""What SES tells about sending, computed from the simulator's own record (its outbox
and events, per Region): GetSendStatistics (``send_statistics``), the Virtual
Deliverability Manager's metrics (``vdm``), message insights (``messages``), the
deliverability dashboard's domain report (``dashboard``), email address insights
(``addresses``) and the files of export jobs (``exports``)."""
