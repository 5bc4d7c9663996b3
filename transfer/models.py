# Solutions, adoptions and inquiries arrive with the transfer platform issue.
